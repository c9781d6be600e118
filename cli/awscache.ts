#!/usr/bin/env node
// The bin. The plain shapes of the everyday commands run straight away
// (cli/fast-path.ts); everything else loads the yargs command tree.
import { runFastPath } from './fast-path.js'
import { reportError } from './io.js'

// A reader that goes away (| head -1) is not an error; a disk that is full is.
process.stdout.on('error', (er: NodeJS.ErrnoException) => {
  if (er.code === 'EPIPE') process.exit(0)
  process.stderr.write(`awscache: cannot write the output (${er.code ?? 'error'})\n`)
  process.exit(1)
})
// Messages nobody reads any more must not cost the output.
process.stderr.on('error', () => {})

const main = async (args: string[]): Promise<void> => {
  if (await runFastPath(args, process.env)) return
  const { runFullCli } = await import('./full-cli.js')
  await runFullCli(args)
}

main(process.argv.slice(2)).catch((er: unknown) => {
  process.exitCode = reportError(er)
})
