#!/usr/bin/env node
// The bin. The plain shapes of the everyday commands run straight away
// (cli/fast-path.ts); everything else loads the yargs command tree.
// These two come first: their code runs before any other of awscache's.
import './sigusr1.js'
import './startup-guard.js'
import { runFastPath } from './fast-path.js'
import { reportError } from './io.js'

const main = async (args: string[]): Promise<void> => {
  if (await runFastPath(args, process.env)) return
  const { runFullCli } = await import('./full-cli.js')
  await runFullCli(args)
}

main(process.argv.slice(2)).catch((er: unknown) => {
  process.exitCode = reportError(er)
})
