// Runs awscache's command line in this process: the same main() the bin
// runs, with its output captured instead of written. For behaviour (what is
// printed, the exit code); what only a process shows (signals, streams, the
// shells, start-up, another user) stays in child-process tests.
import { main } from '../../cli/main.js'
import { redirectOutput } from '../../cli/io.js'
import { resetSuggestionBudget } from '../../lib/sessions/nearest-names.js'
import { cleanEnv, type Result } from './home.js'

export interface InProcessOptions {
  /** the whole environment; it must name a HOME */
  env: NodeJS.ProcessEnv
  /** the working folder during the run */
  cwd?: string
}

const runNow = async (args: readonly string[], o: InProcessOptions): Promise<Result> => {
  // os.homedir() reads the real environment, not process.env: without a HOME
  // of its own, a run would see (and rm or prune could change) the developer's
  if (!o.env.HOME) throw new Error('runInProcess: give a HOME (a run without one belongs in a child process)')
  const savedEnv = process.env
  const savedCwd = process.cwd()
  const savedExitCode = process.exitCode
  let stdout = ''
  let stderr = ''
  process.env = o.env
  if (o.cwd !== undefined) process.chdir(o.cwd)
  redirectOutput((fd, text) => {
    if (fd === 1) stdout += text
    else stderr += text
  })
  resetSuggestionBudget()
  try {
    const status = await main(args)
    return { status, stdout, stderr }
  } finally {
    redirectOutput(undefined)
    process.env = savedEnv
    process.chdir(savedCwd)
    process.exitCode = savedExitCode
  }
}

// one run at a time: the environment, the working folder and the output are the process's own
let queue: Promise<unknown> = Promise.resolve()

export const runInProcess = (args: readonly string[], o: InProcessOptions): Promise<Result> => {
  const run = queue.then(() => runNow(args, o))
  queue = run.catch(() => undefined)
  return run
}

/** As test/helpers/home.ts's awscache(), in this process. */
export const awscacheInProcess = (home: string, args: string[], extra: Record<string, string> = {}): Promise<Result> =>
  runInProcess(args, { env: cleanEnv(home, extra) })
