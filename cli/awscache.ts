#!/usr/bin/env node
import { reportError } from './io.js'

// A reader that goes away (| head -1) is not an error.
process.stdout.on('error', (er: NodeJS.ErrnoException) => {
  process.exit(er.code === 'EPIPE' ? 0 : 1)
})

const main = async (): Promise<void> => {
  const { runCli } = await import('./yargs-cli.js')
  await runCli(process.argv.slice(2))
}

main().catch((er: unknown) => {
  process.exitCode = reportError(er)
})
