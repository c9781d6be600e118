// The command line against the command table: what each handler is given,
// and every way a command line is refused (exit 2) before anything runs.
import t from 'tap'
import type { CommandDef } from '../../cli/command-def.js'
import { COMMANDS } from '../../cli/command-table.js'
import { parseCommandLine, type ParseResult } from '../../cli/parse-command-line.js'
import { nearestNames } from '../../lib/sessions/nearest-names.js'

const definitions = new Map<string, CommandDef>()
for (const [name, load] of Object.entries(COMMANDS)) definitions.set(name, (await load()).definition)

const parse = (args: string[]): Promise<ParseResult> =>
  parseCommandLine(
    args,
    async name => definitions.get(name),
    name => nearestNames(name, definitions.keys()),
  )

const argsOf = async (args: string[]) => {
  const r = await parse(args)
  if (r.kind !== 'run') throw new Error(`${JSON.stringify(args)}: ${JSON.stringify(r)}`)
  return r.args
}

const usage = async (args: string[]) => {
  const r = await parse(args)
  if (r.kind !== 'usage') throw new Error(`${JSON.stringify(args)} was not refused: ${JSON.stringify(r)}`)
  return r.problem
}

t.test('every command in the table is named as it is registered', async t => {
  for (const [name, d] of definitions) t.equal(d.name, name)
  t.same(
    [...definitions.keys()],
    ['list', 'env', 'sql', 'exec', 'console', 'status', 'logins', 'rm', 'clear', 'prune', 'unset', 'init', 'profiles'],
  )
})

t.test('what a handler is given: options by camelCase name, with defaults, positionals by name', async t => {
  t.same(await argsOf(['env', 'p']), { refresh: false, format: 'sh', mark: false, profile: 'p' })
  t.match(await argsOf(['--cache-dir', '/c', 'env', '-f', 'fish', 'p', '--min-remaining', '15m']), {
    cacheDir: '/c',
    format: 'fish',
    minRemaining: '15m',
    profile: 'p',
  })
  t.match(await argsOf(['env', 'p', '--format=json', '--mark']), { format: 'json', mark: true })
  t.match(await argsOf(['list', '--no-color']), { color: false })
  t.match(await usage(['env', 'p', '--no-color']), { message: 'unknown option --no-color' })
  t.match(await argsOf(['env', 'p', '--mark=false', '--refresh=true']), { mark: false, refresh: true })
  t.match(await argsOf(['list', '--json', '--all']), { json: true, all: true, prune: false })
  t.match(await argsOf(['sql', 'p', '-d', 'duckdb']), { dialect: 'duckdb' })
  t.match(await argsOf(['rm', 'a', 'b', '-n']), { names: ['a', 'b'], dryRun: true, json: false })
  t.match(await argsOf(['prune', '--within', '15m', '--unreadable']), { within: '15m', unreadable: true })
  t.match(await argsOf(['init', 'zsh']), { shell: 'zsh' })
  t.match(await argsOf(['unset', '--all', '-f', 'fish']), { all: true, format: 'fish' })
  t.same(await argsOf(['profiles']), {})
  t.same(await argsOf(['console', 'p']), { print: false, refresh: false, profile: 'p' })
  t.match(
    await argsOf(['console', 'p', '--print', '--duration', '1h', '--destination', 'https://console.aws.amazon.com/s3']),
    { print: true, duration: '1h', destination: 'https://console.aws.amazon.com/s3' },
  )
  t.match(await usage(['console', 'p', '--duration', 'soon']), {
    message: '--duration "soon" is not a duration such as 15m, 1h or 1h30m',
  })
  t.same(await argsOf(['list']), { json: false, all: false, prune: false }, 'colour: decided by the terminal')
  t.match(await argsOf(['env', 'p', '--cache-dir=-odd']), { cacheDir: '-odd' })
})

t.test('a name may start with "-" after "--"', async t => {
  t.match(await argsOf(['env', '--', '-x']), { profile: '-x' })
  t.match(await argsOf(['env', '-f', 'fish', '--', '--format']), { profile: '--format', format: 'fish' })
  t.match(await argsOf(['rm', '--', '-x', '-n']), { names: ['-x', '-n'], dryRun: false })
  t.match(await argsOf(['exec', '--', '-x', 'ls']), { profile: '-x', command: ['ls'] })
})

t.test('exec: everything after the profile belongs to the command', async t => {
  t.match(await argsOf(['exec', 'dev', 'terraform', 'plan', '-out', 'x']), {
    profile: 'dev',
    command: ['terraform', 'plan', '-out', 'x'],
  })
  t.match(await argsOf(['exec', 'dev', '--', 'ls', '--help']), { command: ['ls', '--help'] })
  t.match(await argsOf(['exec', '--refresh', 'dev', 'ls', '--refresh']), {
    refresh: true,
    command: ['ls', '--refresh'],
  })
  t.match(await argsOf(['--cache-dir', '/c', 'exec', '--min-remaining', '1h', 'dev', 'x', '--', 'y']), {
    cacheDir: '/c',
    minRemaining: '1h',
    command: ['x', '--', 'y'],
  })
  t.match(await argsOf(['exec', 'dev', '']), { command: [''] })
  t.match(await usage(['exec', 'dev']), { command: 'exec', message: 'give the command to run after the profile' })
  t.match(await usage(['exec', 'dev', '--']), { message: 'give the command to run after the profile' })
})

t.test('--help and --version go to yargs, wherever they are before "--", whatever else is wrong', async t => {
  for (const args of [
    ['--help'],
    ['-h'],
    ['--version'],
    ['-V'],
    ['env', '--help'],
    ['env', 'p', '-h'],
    ['env', '--bogus', '--help'],
    ['env', 'p', '-f', '--help'],
    ['help'],
    ['help', 'env'],
    ['rm', '-nh'],
  ]) {
    t.same(await parse(args), { kind: 'help' }, JSON.stringify(args))
  }
  t.match(await argsOf(['env', '--', '--help']), { profile: '--help' })
  t.match(await usage(['env', 'p', '--no-help']), { message: '--no-help is not an option: --help takes no value' })
  t.match(await usage(['--version=1']), { message: '--version=1 is not an option: --version takes no value' })
  t.match(await argsOf(['exec', 'p', 'ls', '--help']), { command: ['ls', '--help'] })
})

t.test('a boolean takes no value but true or false (issue: --dry-run=1 removed everything)', async t => {
  for (const value of ['1', 'yes', 'on', 'TRUE', 'y', '0', 'no', 'False', '']) {
    const p = await usage(['clear', `--dry-run=${value}`])
    t.equal(p.message, `--dry-run is true or false, not ${JSON.stringify(value)}`)
    t.equal(p.command, 'clear')
  }
  t.match(await usage(['rm', '-n=yes', 'p']), { message: /unknown option -=/ })
  for (const [command, option] of [
    ['list', 'json'],
    ['list', 'all'],
    ['list', 'prune'],
    ['env', 'mark'],
    ['env', 'refresh'],
    ['status', 'json'],
    ['prune', 'unreadable'],
    ['unset', 'all'],
    ['list', 'color'],
  ] as const) {
    const args = command === 'env' ? [command, 'p', `--${option}=1`] : [command, `--${option}=1`]
    t.match(await usage(args), { message: `--${option} is true or false, not "1"` }, args.join(' '))
  }
  t.match(await usage(['list', '--no-json=false']), { message: '--no-json takes no value' })
})

t.test('options the command does not define are refused, with a word for --profile', async t => {
  t.same(await usage(['env', 'dev', '--profile', 'prod']), {
    command: 'env',
    message: 'there is no --profile option: the profile is the argument, as in: awscache env prod',
    hints: ['see: awscache env --help'],
  })
  t.match(await usage(['sql', '--profile=prod']), { message: /as in: awscache sql prod$/ })
  t.match(await usage(['rm', '--names', 'a']), { message: 'unknown option --names' })
  t.match(await usage(['init', '--shell', 'bash']), { message: 'unknown option --shell' })
  t.match(await usage(['env', 'p', '--json']), { message: 'unknown option --json' })
  t.match(await usage(['env', 'p', '--FORMAT', 'sh']), { message: 'unknown option --FORMAT' })
  t.match(await usage(['env', 'p', '--minRemaining', '1h']), { message: 'unknown option --minRemaining' })
  t.match(await usage(['env', 'p', '--no-format']), { message: 'unknown option --no-format' })
  t.match(await usage(['--json', 'list']), {
    command: undefined,
    message: "unknown option --json (a command's options come after its name)",
  })
  t.match(await usage(['list', '-x']), { message: 'unknown option -x' })
})

t.test('a cluster of short options holds booleans the command defines', async t => {
  t.match(await usage(['env', 'p', '-fsh']), { message: 'unknown option -s (in -fsh)' })
  t.same(await parse(['env', 'p', '-fh']), { kind: 'help' }, 'h is --help')
  t.match(await usage(['env', 'p', '-ff']), {
    message: '-ff: -f takes a value: give it as a word of its own (-f VALUE)',
  })
  t.match(await argsOf(['rm', 'p', '-n']), { dryRun: true })
})

t.test('repeated, missing and empty values are refused, naming the option', async t => {
  t.match(await usage(['env', 'p', '-f', 'sh', '-f', 'fish']), { message: '--format is given more than once' })
  t.match(await usage(['env', 'p', '-f', 'sh', '--format', 'sh']), { message: '--format is given more than once' })
  t.match(await usage(['sql', 'p', '-d', 'duckdb', '-d', 'snowflake']), {
    message: '--dialect is given more than once',
  })
  t.match(await usage(['unset', '-f', 'sh', '-f', 'fish']), { message: '--format is given more than once' })
  t.match(await usage(['--cache-dir', 'a', 'list', '--cache-dir', 'b']), {
    message: '--cache-dir is given more than once',
  })
  t.match(await usage(['list', '--color', '--no-color']), { message: '--color is given more than once' })
  // a flag twice is the flag: awscache-use P --mark runs env --mark --format sh P --mark
  t.match(await argsOf(['env', '--mark', '--format', 'sh', 'p', '--mark']), { mark: true, format: 'sh' })
  t.match(await argsOf(['list', '--no-color', '--no-color']), { color: false })
  t.match(await usage(['list', '--no-color', '--color']), { message: '--color is given more than once' })
  t.match(await usage(['list', '--no-cache-dir']), { message: 'unknown option --no-cache-dir' })
  t.match(await usage(['env', 'p', '-f']), {
    message: '--format needs a value (sh, fish, powershell, dotenv, json, windows-cmd)',
  }) // issue 15: windows-cmd added
  t.match(await usage(['sql', 'p', '-d']), { message: /^--dialect needs a value/ })
  t.match(await usage(['env', 'p', '--format', '--mark']), { message: /^--format needs a value/ })
  t.match(await usage(['env', 'p', '--format=']), { message: '--format needs a value, not an empty one' })
  t.match(await usage(['env', 'p', '--cache-dir', '']), { message: '--cache-dir needs a value, not an empty one' })
  t.match(await usage(['env', 'p', '--cache-dir']), { message: '--cache-dir needs a value' })
  t.match(await usage(['env', 'p', '--format', 'bogus']), {
    message: '--format "bogus" is not one of sh, fish, powershell, dotenv, json',
  })
  t.match(await usage(['env', 'p', '--min-remaining', '-15m']), { message: '--min-remaining needs a value' })
  t.same(await usage(['exec', '--min-remaining', '00', 'p', 'true']), {
    command: 'exec',
    message: '--min-remaining "00" is not a duration such as 15m, 1h or 1h30m',
    hints: ['see: awscache exec --help'],
  })
  t.match(await usage(['prune', '--within', '1x']), {
    command: 'prune',
    message: '--within "1x" is not a duration such as 15m, 1h or 1h30m',
  })
  t.match(await argsOf(['env', 'p', '--min-remaining', '0']), { minRemaining: '0' })
  t.match(await usage(['help', 'nonsense']), { message: 'unknown command "nonsense"' })
})

t.test('positionals: missing, empty, extra, not a choice', async t => {
  t.same(await usage(['env']), {
    command: 'env',
    message: 'give a profile name (awscache profiles lists them)',
    hints: ['see: awscache env --help'],
  })
  t.match(await usage(['env', '']), { message: 'the profile cannot be empty' })
  t.match(await usage(['env', 'a', 'b']), { message: 'unexpected argument "b"' })
  t.match(await argsOf(['env', 'p', '--']), { profile: 'p' })
  t.match(await usage(['rm']), { message: /^give the profile names/ })
  t.match(await usage(['rm', 'a', '']), { message: 'the names cannot be empty' })
  t.match(await usage(['init']), { message: 'give your shell: bash, zsh or fish' })
  t.match(await usage(['init', 'tcsh']), { message: '"tcsh" is not one of bash, zsh, fish' })
  t.match(await usage(['list', 'extra']), { message: 'unexpected argument "extra"' })
  t.match(await usage(['list', '--json', 'true']), { message: 'unexpected argument "true"' })
})

t.test('commands: none, unknown (with the nearest), and the shell function named as a command', async t => {
  t.same(await usage([]), { command: undefined, message: 'give a command (awscache --help lists them)', hints: [] })
  t.same(await usage(['lis']), {
    command: undefined,
    message: 'unknown command "lis"',
    hints: ['did you mean: list?', 'see: awscache --help'],
  })
  t.match(await usage(['constructor']), { message: 'unknown command "constructor"' })
  t.match(await usage(['__proto__']), { message: 'unknown command "__proto__"' })
  t.match(await usage(['use', 'dev']), {
    message:
      'there is no use command: to use a session in this shell, run awscache-use dev (from awscache init), or eval "$(awscache env dev)"',
  })
  t.match(await usage(['--cache-dir', 'x']), { message: 'give a command (awscache --help lists them)' })
})
