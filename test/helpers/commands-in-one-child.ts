// Several awscache command lines in one child process (test/helpers/run-commands.mjs
// runs the built main() for each, one after the other): for runs that need a
// process of their own (as another user, without HOME, with NODE_DEBUG) but not
// one per command line. Whatever the process itself writes on stderr (a
// warning, a crash, Node's debug output), its signal and its timeout belong to
// every run: each run's checks meet them.
import { AWSCACHE_COMMAND, runChild, type ChildResult } from './child.js'

const RUN_COMMANDS = new URL('./run-commands.mjs', import.meta.url).pathname
const DIST_CLI = new URL('../../dist/cli/', import.meta.url).pathname

export interface OneChildOptions {
  env: NodeJS.ProcessEnv
  /** for each command line */
  timeoutMs: number
  cwd?: string
  uid?: number
  gid?: number
  /** options for node itself (NODE_OPTIONS never reaches it) */
  nodeArgs?: string[]
}

export const runInOneChild = async (commands: readonly string[][], o: OneChildOptions): Promise<ChildResult[]> => {
  const child = await runChild(
    AWSCACHE_COMMAND[0] as string,
    [...AWSCACHE_COMMAND.slice(1, -1), ...(o.nodeArgs ?? []), RUN_COMMANDS, DIST_CLI, JSON.stringify(commands)],
    { ...o, timeoutMs: o.timeoutMs * commands.length },
  )
  const lines = child.stdout.split('\n').slice(0, -1)
  const end = { signal: child.signal, timedOut: child.timedOut }
  return commands.map((_, i): ChildResult => {
    const line = lines[i]
    if (line === undefined) return { code: child.code, ...end, stdout: '', stderr: child.stderr }
    try {
      const r = JSON.parse(line) as { status: number; stdout: string; stderr: string }
      return { code: r.status, ...end, stdout: r.stdout, stderr: r.stderr + child.stderr }
    } catch {
      return { code: child.code, ...end, stdout: line, stderr: child.stderr }
    }
  })
}
