import { maskedValue, planUnset } from '../../lib/output/aws-variables.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { UNSET_FORMATS, formatUnset, type UnsetFormatName } from '../../lib/output/unset-formats.js'
import { shellWord } from '../../lib/output/shell-words.js'
import { home, useColorOnStderr, type GlobalArgs } from '../inputs.js'
import { output, printable, say, sayMore } from '../io.js'
import { tableOption, type CommandDef } from '../command-def.js'
import { COLOR_OPTION } from '../global-options.js'

export interface UnsetArgs extends GlobalArgs {
  all: boolean
  format: UnsetFormatName
  ask: boolean
  yes: boolean
  monochrome: boolean
}

export const definition: CommandDef = {
  name: 'unset',
  describe: 'Print shell code that unsets the AWS variables of this shell',
  positionals: [],
  options: {
    all: { type: 'boolean', default: false, describe: 'every AWS_* variable, not only the session ones' },
    format: tableOption<UnsetFormatName>(UNSET_FORMATS, 'sh', 'f', 'output format'),
    color: COLOR_OPTION,
    ask: {
      type: 'boolean',
      default: false,
      describe:
        'ask on the terminal (y/N) before printing the code; with no terminal, print nothing and exit 1 (awscache-clear)',
    },
    yes: { type: 'boolean', alias: 'y', default: false, describe: 'with --ask: do not ask' },
    monochrome: { type: 'boolean', alias: 'm', default: false, describe: 'no colour (as --no-color)' },
  },
  examples: [
    ['eval "$($0 unset)"', 'clear the session variables from this shell (bash, zsh)'],
    ['$0 unset --format fish | source', 'the same in fish'],
    ['code="$($0 unset --ask)" && eval "$code"', 'what awscache-clear does: list, ask, then unset'],
  ],
}

export const handler = async (argv: UnsetArgs): Promise<void> => {
  const env = process.env
  const plan = planUnset(env, home(), argv.all)
  if (plan.unset.length) {
    say('AWS variables to unset:')
    const width = Math.max(...plan.unset.map(n => n.length))
    const [on, off] = !argv.monochrome && (await useColorOnStderr(argv)) ? ['\x1b[33m', '\x1b[0m'] : ['', '']
    for (const name of plan.unset) {
      sayMore(`${on}${name.padEnd(width)}${off}  ${printable(maskedValue(name, env[name] ?? ''))}`)
    }
  } else {
    say('no AWS variables to unset')
  }
  for (const { name, path } of plan.kept) {
    const byHand =
      argv.format === 'fish'
        ? `set -e ${name}`
        : argv.format === 'powershell'
          ? `Remove-Item Env:${name}`
          : argv.format === 'windows-cmd'
            ? `set ${name}=`
            : `unset ${name}`
    say(`kept ${name}=${printable(shellWord(path))}: that file exists; to unset it anyway, run: ${byHand}`)
  }
  if (plan.left.length) say(`kept ${plan.left.join(' ')}: not session variables (awscache unset --all unsets them too)`)
  if (plan.unset.length && argv.ask && !argv.yes) {
    const { askYesNo } = await import('../ask.js')
    const yes = askYesNo('Unset them?')
    if (yes === undefined)
      throw new AwscacheError('no terminal to ask on, so nothing was unset (-y unsets without asking)', EXIT.error)
    if (!yes) throw new AwscacheError('nothing unset', EXIT.error)
  }
  output(formatUnset(argv.format, plan.unset))
}
