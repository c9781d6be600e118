#!/usr/bin/env node
// The bin: one command line, one exit code.
// These two come first: their code runs before any other of awscache's.
import './sigusr1.js'
import './startup-guard.js'
import { reportError } from './io.js'
import { run } from './run.js'

run(process.argv.slice(2)).catch((er: unknown) => {
  process.exitCode = reportError(er)
})
