// The command table as shell functions, for the completion in
// shell-integration/: `awscache init` puts them where the script has its
// ::AWSCACHE_TABLE:: line, so that the scripts never list a command, option
// or value of their own (a list written three times by hand drifts).
//
// bash and zsh get the same four functions (their shared syntax), fish gets
// `complete` lines. For bash and zsh:
//   __awscache_commands             the command names, one a line
//   __awscache_options CMD          the options CMD takes (and the global ones)
//   __awscache_value CMD WORD       WORD takes a value: prints its kind (profile, folder, file,
//                                   none) or the word `choices` and the choices; else returns 1
//   __awscache_positional CMD N     what the Nth word after CMD (options aside) is: profile,
//                                   command (exec's), none, or `choices` and the choices
import type { CommandDef, Completion, OptionDef } from './command-def.js'

export interface CompletionInputs {
  commands: readonly CommandDef[]
  globals: Readonly<Record<string, OptionDef>>
  help: Readonly<Record<string, OptionDef>>
}

// every word of the table is a plain name: nothing in it needs quoting in any shell
const PLAIN = /^[A-Za-z0-9_.-]+$/
const plain = (words: readonly string[]): string => {
  for (const w of words) if (!PLAIN.test(w)) throw new Error(`not a plain word for a shell: ${JSON.stringify(w)}`)
  return words.join(' ')
}

/** The words a user types for an option: --name (and --no-name for a boolean that defaults to true or has none), -x. */
export const optionWords = (name: string, o: OptionDef): string[] => [
  `--${name}`,
  ...(o.type === 'boolean' && o.default !== false ? [`--no-${name}`] : []),
  ...(o.alias ? [`-${o.alias}`] : []),
]

const valueKind = (o: OptionDef): string[] =>
  o.choices ? ['choices', ...o.choices] : [(o.complete ?? 'none') satisfies Completion]

const allOptions = (c: CommandDef, { globals, help }: CompletionInputs): [string, OptionDef][] => [
  ...Object.entries(c.options),
  ...Object.entries(globals),
  ...Object.entries(help).filter(([name]) => name === 'help'),
]

const printf = (words: readonly string[]): string => `\\builtin printf '%s\\n' ${plain(words)}`

/** The four functions, in the syntax bash and zsh share. */
export const renderPosixTable = (inputs: CompletionInputs): string => {
  const { commands, globals, help } = inputs
  const lines: string[] = []
  lines.push('__awscache_commands() {', `    ${printf(commands.map(c => c.name))}`, '}', '')

  lines.push('__awscache_options() {', '    case "${1-}" in')
  for (const c of commands) {
    lines.push(
      `        ${c.name}) ${printf(allOptions(c, inputs).flatMap(([n, o]) => optionWords(n, o).filter(w => w.startsWith('--'))))} ;;`,
    )
  }
  const top = [...Object.entries(globals), ...Object.entries(help)]
  lines.push(`        *) ${printf(top.flatMap(([n, o]) => optionWords(n, o).filter(w => w.startsWith('--'))))} ;;`)
  lines.push('    esac', '}', '')

  lines.push('__awscache_value() {', '    case "${1-} ${2-}" in')
  for (const c of commands) {
    for (const [n, o] of Object.entries(c.options)) {
      if (o.type !== 'string') continue
      const patterns = optionWords(n, o).map(w => `"${c.name} ${w}"`)
      lines.push(`        ${patterns.join(' | ')}) ${printf(valueKind(o))} ;;`)
    }
  }
  for (const [n, o] of Object.entries(globals)) {
    if (o.type !== 'string') continue
    lines.push(`        *" --${n}") ${printf(valueKind(o))} ;;`)
  }
  lines.push('        *) \\builtin return 1 ;;', '    esac', '}', '')

  lines.push('__awscache_positional() {', '    case "${1-}" in')
  for (const c of commands) {
    const arms: string[] = []
    c.positionals.forEach((p, i) => {
      const kind = p.choices ? ['choices', ...p.choices] : [p.complete]
      arms.push(`${p.variadic ? '*' : String(i + 1)}) ${printf(kind)} ;;`)
    })
    if (c.rest) arms.push(`${c.positionals.length + 1}) ${printf(['command'])} ;;`)
    if (!arms.length) continue
    lines.push(`        ${c.name}) case "\${2-}" in ${arms.join(' ')} esac ;;`)
  }
  lines.push('    esac', '}')
  return lines.join('\n') + '\n'
}

const fishKind = (kinds: readonly string[]): string => {
  const [kind, ...choices] = kinds
  if (kind === 'choices') return `-x -a '${plain(choices)}'`
  if (kind === 'profile') return "-x -a '(__awscache_profiles)'"
  if (kind === 'folder') return "-x -a '(__fish_complete_directories (commandline -ct))'"
  if (kind === 'file') return '-r -F'
  return '-x'
}

// fish's descriptions are one short line, in single quotes
const fishDescription = (text: string): string => {
  let line = (text.split('\n')[0] ?? '').replace(/:$/, '')
  if (line.length > 80) line = `${line.slice(0, line.lastIndexOf(' ', 79))}…`
  return `'${line.replace(/[\\']/g, '\\$&')}'`
}

/** `complete` lines for fish: the same table. */
export const renderFishTable = (inputs: CompletionInputs): string => {
  const { commands, globals, help } = inputs
  const valued = commands.flatMap(c =>
    Object.entries(c.options).flatMap(([n, o]) =>
      o.type === 'string' ? optionWords(n, o).map(w => `'${c.name} ${w}'`) : [],
    ),
  )
  const globalValued = Object.entries(globals).flatMap(([n, o]) =>
    o.type === 'string' ? optionWords(n, o).map(w => `'* ${w}'`) : [],
  )
  const lines = [
    'function __awscache_takes_value --argument-names __awscache_command __awscache_word',
    '    switch "$__awscache_command $__awscache_word"',
    `        case ${[...valued, ...globalValued].join(' ')}`,
    '            return 0',
    '    end',
    '    return 1',
    'end',
    '',
    'complete -c awscache -f',
    `complete -c awscache -n __fish_use_subcommand -a '${plain(commands.map(c => c.name))}'`,
  ]
  for (const c of commands)
    lines.push(`complete -c awscache -n __fish_use_subcommand -a ${c.name} -d ${fishDescription(c.describe)}`)
  const option = (condition: string, name: string, o: OptionDef): string => {
    const short = o.alias ? ` -s ${o.alias}` : ''
    const value = o.type === 'string' ? ` ${fishKind(valueKind(o))}` : ''
    const negated =
      o.type === 'boolean' && o.default !== false ? `\ncomplete -c awscache -n '${condition}' -l no-${name}` : ''
    return `complete -c awscache -n '${condition}' -l ${name}${short}${value} -d ${fishDescription(o.describe)}${negated}`
  }
  for (const [n, o] of Object.entries(globals)) lines.push(option('true', n, o))
  lines.push(option('true', 'help', help.help as OptionDef))
  lines.push(option('__fish_use_subcommand', 'version', help.version as OptionDef))
  for (const c of commands) {
    for (const [n, o] of Object.entries(c.options)) lines.push(option(`__fish_seen_subcommand_from ${c.name}`, n, o))
    c.positionals.forEach((p, i) => {
      const kind = p.choices ? ['choices', ...p.choices] : [p.complete]
      if (kind[0] === 'none' || kind[0] === 'command') return
      const at = p.variadic ? '' : `; and __awscache_positional_is ${i + 1}`
      lines.push(`complete -c awscache -n '__fish_seen_subcommand_from ${c.name}${at}' ${fishKind(kind)}`)
    })
  }
  return lines.join('\n') + '\n'
}
