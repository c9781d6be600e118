// Writes dist/cli/awscache-bundle.cjs, all of awscache in one file, for the
// bin (cli/awscache.cts) to compile with its code cache. Run by `npm run
// build`, after tsc (the wrapper comes from the compiled bin).
//
// The bundle is written inside CommonJS's function wrapper, so that the bin
// compiles the file's text as it is, without a copy that wraps it.
import { build } from 'esbuild'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const { BUNDLE_FILE, BUNDLE_WRAPPER } = createRequire(import.meta.url)('../dist/cli/awscache.cjs')
const [head, tail] = BUNDLE_WRAPPER

await build({
  entryPoints: [fileURLToPath(new URL('../cli/bundle-entry.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20.19',
  // one file, read whole: nothing loaded later, by a path of its own
  supported: { 'dynamic-import': false },
  // help.js is read only for --help (cli/help.ts); undici only to sign in to the console
  external: ['./help.js', 'undici'],
  minify: true,
  logLevel: 'warning',
  banner: { js: head },
  footer: { js: tail },
  outfile: BUNDLE_FILE,
})
