#!/usr/bin/env node
// The bin: one command line, one exit code.
import { reportError } from './io.js'
import { run } from './run.js'

run(process.argv.slice(2)).catch((er: unknown) => {
  process.exitCode = reportError(er)
})
