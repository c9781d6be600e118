// --help and --version, drawn by yargs (the user's choice for help and
// usage) from the command table. Loaded only for them: yargs is the largest
// thing awscache could load, and no other command line needs it.
import { createRequire } from 'node:module'
import yargs, { type Options, type PositionalOptions } from 'yargs'
import type { CommandDef, OptionDef } from './command-def.js'

export interface HelpInputs {
  args: readonly string[]
  commands: readonly CommandDef[]
  globals: Readonly<Record<string, OptionDef>>
  epilogue: string
  width: number
}

export type HelpResult = { ok: true; text: string } | { ok: false; message: string }

const yargsOption = (o: OptionDef): Options => ({
  type: o.type,
  describe: o.describe,
  ...(o.alias === undefined ? {} : { alias: o.alias }),
  ...(o.choices === undefined ? {} : { choices: [...o.choices] }),
  ...(o.default === undefined ? {} : { default: o.default }),
  ...(o.type === 'string' ? { requiresArg: true } : {}),
})

const usageLine = (c: CommandDef): string =>
  [
    c.name,
    ...c.positionals.map(p => (p.variadic ? `<${p.name}..>` : p.optional ? `[${p.name}]` : `<${p.name}>`)),
    ...(c.rest ? [`[${c.rest.name}..]`] : []),
  ].join(' ')

const version = (): string => (createRequire(import.meta.url)('../../package.json') as { version: string }).version

// `awscache help env` is `awscache env --help`
const helpWordAsOption = (args: readonly string[]): string[] => {
  const i = args.indexOf('help')
  return i < 0 ? [...args] : [...args.slice(0, i), ...args.slice(i + 1), '--help']
}

/** The text --help or --version prints for this command line. */
export const renderHelp = async ({ args, commands, globals, epilogue, width }: HelpInputs): Promise<HelpResult> => {
  let y = yargs()
    .scriptName('awscache')
    .usage(
      '$0 <command> [options]\n\nShow and use the sessions and logins the AWS CLI has cached (~/.aws/cli/cache, ~/.aws/sso/cache, ~/.aws/login/cache).',
    )
    .exitProcess(false)
    // yargs calls a word given many times (rm's <names..>) an [array]: to a user each is a string
    .updateStrings({ array: 'string' })
  for (const [name, o] of Object.entries(globals)) y = y.option(name, { ...yargsOption(o), global: true })
  for (const c of commands) {
    y = y.command({
      command: usageLine(c),
      describe: c.describe,
      builder: cy => {
        for (const p of c.positionals) {
          const o: PositionalOptions = { type: 'string', describe: p.describe, demandOption: !p.optional }
          if (p.choices) o.choices = [...p.choices]
          // yargs would add "[default: []]" to a required list of words
          if (p.variadic) o.default = undefined
          cy = cy.positional(p.name, o)
        }
        if (c.rest) cy = cy.positional(c.rest.name, { type: 'string', describe: c.rest.describe, default: undefined })
        for (const [name, o] of Object.entries(c.options)) cy = cy.option(name, yargsOption(o))
        for (const [command, meaning] of c.examples) cy = cy.example(command, meaning)
        return cy
      },
      handler: () => {},
    })
  }
  y = y.strict().version(version()).help().alias('h', 'help').alias('V', 'version').epilogue(epilogue).wrap(width)
  return new Promise(resolve => {
    void y.parse(helpWordAsOption(args), {}, (err: Error | undefined, _argv: unknown, text: string) => {
      resolve(
        err
          ? { ok: false, message: err.message.replace(/\s*\n\s*/g, ' ') }
          : { ok: true, text: text.endsWith('\n') ? text : `${text}\n` },
      )
    })
  })
}
