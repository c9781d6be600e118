// Runs awscache's command line in this process, against a home folder: the
// same main() the bin runs, with its output captured instead of written.
// For behaviour (what is printed, the exit code); what only a process shows
// (signals, streams, the shells, start-up) stays in child-process tests.
import { main } from '../../cli/main.js'
import { redirectOutput } from '../../cli/io.js'
import { resetSuggestionBudget } from '../../lib/sessions/nearest-names.js'
import { cleanEnv, type Result } from './home.js'

let running = false

export const runInProcess = async (home: string, args: string[], extra: Record<string, string> = {}): Promise<Result> => {
  // one at a time: the environment and the output are the process's own
  if (running) throw new Error('runInProcess: one command at a time')
  running = true
  const savedEnv = process.env
  const savedExitCode = process.exitCode
  let stdout = ''
  let stderr = ''
  process.env = cleanEnv(home, extra)
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
    process.exitCode = savedExitCode
    running = false
  }
}
