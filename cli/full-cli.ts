// The whole command line through the yargs tree (cli/yargs-cli.ts). Its
// errors are reported here, by the copy of the library that threw them: the
// installed bin is a bundle with a copy of its own, for the fast path.
import { guardStreams, reportError } from './io.js'
import { runCli } from './yargs-cli.js'

export const runFullCli = async (args: string[]): Promise<void> => {
  guardStreams()
  try {
    await runCli(args)
  } catch (er) {
    process.exitCode = reportError(er)
  }
}
