// Run at start-up (cli/bundle-entry.ts imports it second, after cli/sigusr1.ts):
// a Node started with options that would show a session is refused before any
// session is read. What runs before (Node's own start-up, code NODE_OPTIONS
// loads with --require or --import) is out of reach.
import { mayHaveInspector, startupRefusal } from '../lib/node-diagnostics.js'
import { say } from './io.js'

const inspectorUrl = (): string | undefined => {
  // node:inspector is loaded only when an option could have opened it: start-up time
  if (!mayHaveInspector(process.env.NODE_OPTIONS, process.execArgv)) return undefined
  return process.getBuiltinModule('node:inspector').url()
}

const refusal = startupRefusal({
  nodeOptions: process.env.NODE_OPTIONS,
  execArgv: process.execArgv,
  inspectorUrl: inspectorUrl(),
})
if (refusal) {
  say(refusal)
  process.exit(1)
}
