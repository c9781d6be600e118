// The commands that prompts, aliases and scripts run many times a day, run
// without loading yargs, which alone would more than double start-up.
//
// Only a command line that yargs would accept, and read in exactly one way,
// takes this path: every word is an option of the command (as the command's
// own builder defines it: it is run against a recorder below) or of the
// globals, with its value, or the command's positional argument. Anything else
// (help, version, a misspelt or repeated option, "--", a value that looks like
// an option, AWSCACHE_AUTO_PRUNE) goes to the yargs tree, so that every
// message and exit code is yargs' own. The handler is the same either way.
import type { Argv } from 'yargs'
import type { GlobalArgs } from './inputs.js'

interface CommandModule {
  command: string
  builder: (y: Argv<GlobalArgs>) => unknown
  handler: (argv: never) => void | Promise<void>
}

/** The commands worth it, each loaded only when asked for. */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  env: () => import('./commands/env.js'),
  sql: () => import('./commands/sql.js'),
  list: () => import('./commands/list.js'),
}

export interface OptionSpec {
  type: 'boolean' | 'string'
  /** a one-letter alias, used as -x */
  alias?: string
  choices?: readonly string[]
  default?: unknown
}

export interface CommandSpec {
  name: string
  positionals: string[]
  options: Map<string, OptionSpec>
}

/**
 * The globals of cli/yargs-cli.ts (test/fast-path.ts checks them against
 * --help). A middleware added there must be added to fastCall too.
 */
export const GLOBAL_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map<string, OptionSpec>([
  ['cache-dir', { type: 'string' }],
  ['color', { type: 'boolean', default: true }],
])

class Unsupported extends Error {}

const OPTION_KEYS = new Set(['type', 'alias', 'choices', 'default', 'describe', 'requiresArg'])

// A value yargs could read as something other than the string itself: a number, a boolean.
const looksTyped = (s: string): boolean => /^[-+.\d]|^(true|false)$/.test(s)

const optionSpec = (name: string, o: Record<string, unknown>): OptionSpec => {
  const unknown = Object.keys(o).filter(k => !OPTION_KEYS.has(k))
  if (unknown.length || /[^a-z-]/.test(name)) throw new Unsupported(`option ${name}`)
  const alias = o.alias
  if (alias !== undefined && (typeof alias !== 'string' || !/^[a-zA-Z]$/.test(alias))) throw new Unsupported(`alias of ${name}`)
  if (o.type === 'boolean') {
    // a boolean without a default is absent, not false, when not given
    if (typeof o.default !== 'boolean' || o.choices !== undefined || o.requiresArg) throw new Unsupported(name)
    return { type: 'boolean', default: o.default, ...(alias ? { alias } : {}) }
  }
  const choices = o.choices
  if (choices !== undefined && (!Array.isArray(choices) || !choices.every(c => typeof c === 'string' && !looksTyped(c)))) {
    throw new Unsupported(`choices of ${name}`)
  }
  // without a type only choices keep yargs from reading a value as a number
  if (o.type !== 'string' && !(o.type === undefined && choices)) throw new Unsupported(`type of ${name}`)
  return { type: 'string', ...(alias ? { alias } : {}), ...(choices ? { choices } : {}), ...('default' in o ? { default: o.default } : {}) }
}

/**
 * What a command's builder declares, found by running it against a stand-in
 * for yargs that knows `positional`, `option` and `example`: anything else the
 * builder calls makes the command unsupported (undefined), never misread.
 */
export const recordCommand = (module: CommandModule): CommandSpec | undefined => {
  const [name, ...words] = module.command.split(' ')
  if (!name || !words.every(w => /^<[a-z]+>$/.test(w))) return undefined
  const positionals = words.map(w => w.slice(1, -1))
  const options = new Map<string, OptionSpec>()
  const declared = new Set<string>()
  const recorder = {
    positional(key: string, o: Record<string, unknown>) {
      const extra = Object.keys(o).filter(k => !['type', 'demandOption', 'describe'].includes(k))
      if (!positionals.includes(key) || o.type !== 'string' || extra.length) throw new Unsupported(`positional ${key}`)
      declared.add(key)
      return recorder
    },
    option(key: string, o: Record<string, unknown>) {
      if (options.has(key) || GLOBAL_OPTIONS.has(key)) throw new Unsupported(`option ${key} twice`)
      options.set(key, optionSpec(key, o))
      return recorder
    },
    example() {
      return recorder
    },
  }
  try {
    module.builder(recorder as unknown as Argv<GlobalArgs>)
  } catch {
    return undefined
  }
  if (positionals.some(p => !declared.has(p))) return undefined
  const aliases = [...options.values()].map(o => o.alias).filter(Boolean)
  if (new Set(aliases).size !== aliases.length) return undefined
  return { name, positionals, options }
}

const camelCase = (key: string): string => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

type Parsed = Record<string, unknown> & { _: string[]; $0: string }

/**
 * The arguments yargs would hand the command's handler, or undefined when
 * the words are not plainly a call of this command.
 */
export const parseFast = (args: readonly string[], spec: CommandSpec): Parsed | undefined => {
  const all = new Map([...GLOBAL_OPTIONS, ...spec.options])
  const byAlias = new Map([...all].filter(([, o]) => o.alias).map(([key, o]) => [`-${o.alias}`, key]))
  const given = new Map<string, unknown>()
  const words: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (!arg.startsWith('-')) {
      if (arg === '') return undefined
      words.push(arg)
      continue
    }
    let key: string | undefined
    let value: string | boolean | undefined
    const eq = arg.indexOf('=')
    if (arg.startsWith('--no-') && eq < 0 && all.get(arg.slice(5))?.type === 'boolean') {
      key = arg.slice(5)
      value = false
    } else if (arg.startsWith('--')) {
      key = arg.slice(2, eq < 0 ? undefined : eq)
      if (eq >= 0) value = arg.slice(eq + 1)
    } else {
      key = byAlias.get(arg)
    }
    const o = key === undefined ? undefined : all.get(key)
    // options of the command only after its name, as a person writes them
    if (!o || key === undefined || given.has(key) || (!words.length && !GLOBAL_OPTIONS.has(key))) return undefined
    if (o.type === 'boolean') {
      if (value === undefined) value = true
      else if (typeof value === 'string') return undefined
    } else {
      if (value === undefined) value = args[++i]
      // a typed string is taken as written; an untyped one only as one of its choices
      if (typeof value !== 'string' || value === '' || value.startsWith('-')) return undefined
      if (o.choices && !o.choices.includes(value)) return undefined
    }
    given.set(key, value)
  }
  const [command, ...positionals] = words
  if (command !== spec.name || positionals.length !== spec.positionals.length) return undefined
  const argv: Parsed = { _: [command], $0: 'awscache' }
  for (const [key, o] of all) {
    const value = given.has(key) ? given.get(key) : o.default
    if (value === undefined) continue
    argv[key] = value
    argv[camelCase(key)] = value
    if (o.alias) argv[o.alias] = value
  }
  spec.positionals.forEach((name, i) => (argv[name] = positionals[i]))
  return argv
}

// The first word that is not a global option or its value: the command.
const commandName = (args: readonly string[]): string | undefined => {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (!arg.startsWith('-')) return arg
    if (arg === '--cache-dir') i++
  }
  return undefined
}

export interface FastCall {
  handler: (argv: never) => void | Promise<void>
  /** what yargs would hand the handler */
  argv: Parsed
}

/** The handler and its arguments when the command line is one of the plain common shapes. */
export const fastCall = async (args: readonly string[], env: NodeJS.ProcessEnv): Promise<FastCall | undefined> => {
  // every command prunes first: the yargs tree's middleware does that
  if (env.AWSCACHE_AUTO_PRUNE !== undefined) return undefined
  const name = commandName(args)
  const load = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name]
  if (!load) return undefined
  const module = await load()
  const spec = recordCommand(module)
  const argv = spec && parseFast(args, spec)
  return argv ? { handler: module.handler, argv } : undefined
}

/**
 * Runs the command line here when it is one of the plain common shapes, and
 * says so; false leaves it to the yargs tree. Errors are the handler's own.
 */
export const runFastPath = async (args: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> => {
  const call = await fastCall(args, env)
  if (!call) return false
  await call.handler(call.argv as never)
  return true
}
