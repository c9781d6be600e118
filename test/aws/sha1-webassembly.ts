import { readFileSync } from 'node:fs'
import t from 'tap'
import { sha1HexInWebAssembly } from '../../lib/aws/sha1-webassembly.js'
import { sha1AgreesWithCrypto, sha1OfCrypto as expected } from '../helpers/sha1-cases.js'

sha1AgreesWithCrypto(t, 'SHA-1 in WebAssembly', sha1HexInWebAssembly)

t.test('a text longer than the WebAssembly memory grows it, and later digests still agree', async t => {
  const long = '€'.repeat(70_000) // 210,000 bytes of UTF-8: more than three 64 KiB pages
  t.equal(sha1HexInWebAssembly(long), expected(long))
  t.equal(sha1HexInWebAssembly('abc'), expected('abc'))
})

t.test('lib/aws/sha1-wasm.ts holds what lib/aws/sha1.wat compiles to', async t => {
  // @ts-expect-error: a build script, in JavaScript
  const { sha1WasmSource } = (await import('../../scripts/wasm.mjs')) as { sha1WasmSource(): Promise<string> }
  const committed = readFileSync(new URL('../../lib/aws/sha1-wasm.ts', import.meta.url), 'utf8')
  t.equal(committed, await sha1WasmSource(), 'run npm run wasm after editing sha1.wat')
})
