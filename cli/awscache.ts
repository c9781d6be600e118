#!/usr/bin/env node
// The bin: one command line, one exit code.
// These two come first: their code runs before any other of awscache's.
import './sigusr1.js'
import './startup-guard.js'
import { main } from './main.js'

void main(process.argv.slice(2)).then(code => {
  process.exitCode = code
})
