// What the bundle (awscache-bundle.cjs) holds and exports: the bin
// (cli/awscache.cts) compiles it and runs main.
// These two come first: their code runs before any other of awscache's.
import './sigusr1.js'
import './startup-guard.js'
export { main } from './main.js'
export { exitWhenDone } from './exit-when-done.js'
