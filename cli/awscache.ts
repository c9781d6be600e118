#!/usr/bin/env node
// The bin: one command line, one exit code.
// These two come first: their code runs before any other of awscache's.
import './sigusr1.js'
import './startup-guard.js'
import { ExpiredSessionError } from '../lib/errors.js'
import { reportError } from './io.js'
import { run } from './run.js'

run(process.argv.slice(2)).catch(async (er: unknown) => {
  // an expiry is shown in local time, as the list table shows it
  const shown = er instanceof ExpiredSessionError ? (await import('./local-time.js')).inLocalTime(er) : er
  process.exitCode = reportError(shown)
})
