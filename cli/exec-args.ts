// `awscache [options] exec [options] <profile> [--] <command> [args...]`:
// everything after the profile belongs to the command, so it is split off
// before yargs sees (and would judge) it.

const TAKES_VALUE = new Set(['--cache-dir', '--min-remaining'])

export interface ExecSplit {
  /** what yargs parses: up to and including the profile */
  ours: string[]
  /** the command to run and its arguments */
  command: string[]
}

/** The index of the first word that is not an option (or an option's value), from `start`. */
const firstWord = (args: string[], start: number): number => {
  for (let i = start; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--') return i + 1 < args.length ? i + 1 : -1
    if (!a.startsWith('-')) return i
    if (TAKES_VALUE.has(a)) i++
  }
  return -1
}

/** Undefined when the command line is not an `exec`. */
export const splitExec = (args: string[]): ExecSplit | undefined => {
  const verb = firstWord(args, 0)
  if (verb < 0 || args[verb] !== 'exec' || args.slice(0, verb).includes('--')) return undefined
  const profile = firstWord(args, verb + 1)
  if (profile < 0) return { ours: args, command: [] }
  const rest = args.slice(profile + 1)
  // "--" before the profile was consumed above; one right after it separates the command
  const command = rest[0] === '--' ? rest.slice(1) : rest
  const ours = args.slice(0, profile + 1).filter((a, i) => !(a === '--' && i < profile))
  return { ours, command }
}
