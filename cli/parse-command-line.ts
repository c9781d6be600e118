// The command line, read against the command table (cli/command-def.ts).
//
// Strict, so that nothing a user types is silently ignored or misread:
// unknown, repeated and empty options are usage errors, a boolean takes no
// value but `true` or `false`, a string option always takes one, and a
// cluster of short options holds booleans only. Options of the command come
// after its name, the global ones anywhere; `--` ends the options. --help and
// --version (anywhere before `--`) win over every error: yargs shows them.
import { camelCase, type CommandDef, type OptionDef, type ParsedArgs } from './command-def.js'
import { parseDuration } from '../lib/sessions/duration.js'
import { GLOBAL_OPTIONS, HELP_OPTIONS } from './global-options.js'

export interface UsageProblem {
  /** the command it concerns, when one was named */
  command: string | undefined
  message: string
  hints: string[]
}

export type ParseResult =
  { kind: 'run'; command: CommandDef; args: ParsedArgs } | { kind: 'help' } | { kind: 'usage'; problem: UsageProblem }

/** The definition of a command, or undefined when there is none of that name. */
export type LookUp = (name: string) => Promise<CommandDef | undefined>

/** Where an unknown command is looked up for a suggestion. */
export type Suggest = (name: string) => string[]

type Value = string | boolean

const shown = (s: string): string => JSON.stringify(s)

export const parseCommandLine = async (
  args: readonly string[],
  lookUp: LookUp,
  suggest: Suggest,
): Promise<ParseResult> => {
  let command: CommandDef | undefined
  let unknownCommand = false
  let options: Record<string, OptionDef> = { ...GLOBAL_OPTIONS, ...HELP_OPTIONS }
  let byAlias = aliases(options)
  const given = new Map<string, Value>()
  const positionals: string[] = []
  let rest: string[] | undefined
  let help = false
  let problem: UsageProblem | undefined
  const fail = (message: string, hints: string[] = []): void => {
    problem ??= {
      command: command?.name,
      message,
      hints: [...hints, `see: awscache ${command ? `${command.name} ` : ''}--help`],
    }
  }

  const record = (name: string, value: Value): void => {
    // a flag said twice says the same thing (awscache-use P --mark gives env
    // --mark twice); two values, or a flag and its --no-, contradict
    const same = typeof value === 'boolean' && given.get(name) === value
    if (given.has(name) && !same) fail(`--${name} is given more than once`)
    else given.set(name, value)
  }

  let optionsEnded = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (!optionsEnded && arg === '--') {
      optionsEnded = true
      continue
    }
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      if (command === undefined && !unknownCommand) {
        if (arg === 'help') {
          help = true
          continue
        }
        command = await lookUp(arg)
        if (command === undefined) {
          unknownCommand = true
          unknownCommandProblem(arg, args.slice(i + 1), suggest, fail)
          continue
        }
        options = { ...command.options, ...GLOBAL_OPTIONS, ...HELP_OPTIONS }
        byAlias = aliases(options)
        continue
      }
      positionals.push(arg)
      if (command?.rest && positionals.length === command.positionals.length) {
        rest = args.slice(i + 1)
        if (rest[0] === '--') rest = rest.slice(1)
        break
      }
      continue
    }

    // an option: --name, --name=value, --no-name, -x, -xyz
    let name: string
    let value: string | undefined
    let negated = false
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      name = arg.slice(2, eq < 0 ? undefined : eq)
      if (eq >= 0) value = arg.slice(eq + 1)
      if (!Object.hasOwn(options, name) && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') {
        name = name.slice(3)
        negated = true
      }
    } else {
      const letters = [...arg.slice(1)]
      const names = letters.map(l => byAlias.get(l))
      const unknown = letters.find((_, n) => names[n] === undefined)
      if (unknown !== undefined) {
        fail(letters.length > 1 ? `unknown option -${unknown} (in ${arg})` : `unknown option ${arg}`)
        continue
      }
      if (names.some(n => Object.hasOwn(HELP_OPTIONS, n as string))) {
        help = true
        continue
      }
      if (letters.length > 1) {
        const valued = names.find(n => options[n as string]?.type !== 'boolean')
        if (valued !== undefined) {
          fail(
            `${arg}: -${(options[valued] as OptionDef).alias} takes a value: give it as a word of its own (-${(options[valued] as OptionDef).alias} VALUE)`,
          )
          continue
        }
        for (const n of names as string[]) record(n, true)
        continue
      }
      name = names[0] as string
    }

    const option = Object.hasOwn(options, name) ? options[name] : undefined
    if (option === undefined) {
      unknownOption(name, value ?? args[i + 1], command, fail)
      continue
    }
    if (Object.hasOwn(HELP_OPTIONS, name)) {
      if (negated || value !== undefined) fail(`${arg} is not an option: --${name} takes no value`)
      else help = true
      continue
    }
    if (option.type === 'boolean') {
      if (value === undefined) record(name, !negated)
      else if (negated) fail(`--no-${name} takes no value`)
      else if (value === 'true' || value === 'false') record(name, value === 'true')
      else fail(`--${name} is true or false, not ${shown(value)}`)
      continue
    }
    if (negated) {
      fail(`unknown option --no-${name}`)
      continue
    }
    if (value === undefined) {
      const next = args[i + 1]
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        fail(`--${name} needs a value${option.choices ? ` (${option.choices.join(', ')})` : ''}`)
        continue
      }
      value = next
      i++
    }
    if (value === '') fail(`--${name} needs a value, not an empty one`)
    else if (option.choices && !option.choices.includes(value)) {
      fail(`--${name} ${shown(value)} is not one of ${option.choices.join(', ')}`)
    } else if (option.duration && parseDuration(value) === undefined) {
      fail(`--${name} ${shown(value)} is not a duration such as 15m, 1h or 1h30m`)
    } else record(name, value)
  }

  // `awscache help nonsense` asks about a command there is none of
  if (help && !(unknownCommand && args.includes('help'))) return { kind: 'help' }
  if (problem) return { kind: 'usage', problem }
  if (command === undefined) {
    return {
      kind: 'usage',
      problem: { command: undefined, message: 'give a command (awscache --help lists them)', hints: [] },
    }
  }
  checkPositionals(command, positionals, rest, fail)
  if (problem) return { kind: 'usage', problem }

  const parsed: ParsedArgs = {}
  for (const [name, option] of Object.entries(options)) {
    const value = given.has(name) ? given.get(name) : option.default
    if (value !== undefined && !Object.hasOwn(HELP_OPTIONS, name)) parsed[camelCase(name)] = value
  }
  command.positionals.forEach((p, n) => {
    parsed[p.name] = p.variadic ? positionals.slice(n) : positionals[n]
  })
  if (command.rest) parsed[command.rest.name] = rest ?? []
  return { kind: 'run', command, args: parsed }
}

const aliases = (options: Record<string, OptionDef>): Map<string, string> =>
  new Map(Object.entries(options).flatMap(([name, o]) => (o.alias ? [[o.alias, name] as const] : [])))

const unknownCommandProblem = (
  name: string,
  after: readonly string[],
  suggest: Suggest,
  fail: (m: string, h?: string[]) => void,
): void => {
  if (name === 'use') {
    const profile = after.find(a => !a.startsWith('-')) ?? 'PROFILE'
    fail(
      `there is no use command: to use a session in this shell, run awscache-use ${profile} (from awscache init), or eval "$(awscache env ${profile})"`,
    )
    return
  }
  const near = suggest(name)
  fail(`unknown command ${shown(name)}`, near.length ? [`did you mean: ${near.join(', ')}?`] : [])
}

const unknownOption = (
  name: string,
  next: string | undefined,
  command: CommandDef | undefined,
  fail: (m: string, h?: string[]) => void,
): void => {
  const where = command ? '' : " (a command's options come after its name)"
  if (name === 'profile' && command?.positionals[0]?.name === 'profile') {
    const profile = next !== undefined && !next.startsWith('-') ? next : 'PROFILE'
    fail(`there is no --profile option: the profile is the argument, as in: awscache ${command.name} ${profile}`)
    return
  }
  fail(`unknown option --${name}${where}`)
}

const checkPositionals = (
  command: CommandDef,
  words: readonly string[],
  rest: readonly string[] | undefined,
  fail: (m: string, h?: string[]) => void,
): void => {
  const wanted = command.positionals
  const last = wanted[wanted.length - 1]
  for (const [n, p] of wanted.entries()) {
    const word = words[n]
    if (word === undefined) return p.optional ? undefined : fail(p.missing)
    const values = p.variadic ? words.slice(n) : [word]
    if (values.includes('')) return fail(`the ${p.name === 'names' ? 'names' : p.name} cannot be empty`)
    const wrong = p.choices && values.find(v => !(p.choices as readonly string[]).includes(v))
    if (wrong) return fail(`${shown(wrong)} is not one of ${(p.choices as readonly string[]).join(', ')}`)
  }
  if (!last?.variadic && words.length > wanted.length)
    return fail(`unexpected argument ${shown(words[wanted.length] as string)}`)
  if (command.rest && !rest?.length)
    return fail(`give the ${command.rest.name} to run after the ${last?.name ?? 'options'}`)
}
