import { createHash } from 'node:crypto'
import t from 'tap'
import { readFileSync } from 'node:fs'
import { sha1HexInWebAssembly as sha1Hex } from '../../lib/aws/sha1-webassembly.js'
import { prng } from '../helpers/prng.js'

const expected = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex')

t.test("sha1Hex is node:crypto's SHA-1, at every padding boundary and in any script", async t => {
  const texts = ['', 'a', 'abc', 'é', '€', '😀', 'Ω'.repeat(40), '{"RoleArn": "arn:aws:iam::1:role/r"}']
  // lengths around the 55/56/64-byte block boundaries, one and two blocks
  for (let n = 50; n <= 130; n++) texts.push('x'.repeat(n))
  for (const text of texts) t.equal(sha1Hex(text), expected(text), JSON.stringify(text.slice(0, 20)))
  t.equal(sha1Hex('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d', 'FIPS 180-2 example')
})

t.test('sha1Hex agrees with node:crypto on random texts', async t => {
  const random = prng(11)
  const alphabet = [...'aZ09 {}":,-_/é€😀\u0000\n']
  const failed: string[] = []
  for (let i = 0; i < 500; i++) {
    const text = Array.from({ length: random.int(0, 300) }, () => random.pick(alphabet)).join('')
    if (sha1Hex(text) !== expected(text)) failed.push(text)
  }
  t.same(failed, [], `seed ${random.seed}`)
})

t.test('a text longer than the WebAssembly memory grows it, and later digests still agree', async t => {
  const long = '€'.repeat(70_000) // 210,000 bytes of UTF-8: more than three 64 KiB pages
  t.equal(sha1Hex(long), expected(long))
  t.equal(sha1Hex('abc'), expected('abc'))
})

t.test('lib/aws/sha1-wasm.ts holds what lib/aws/sha1.wat compiles to', async t => {
  // @ts-expect-error: a build script, in JavaScript
  const { sha1WasmSource } = (await import('../../scripts/wasm.mjs')) as { sha1WasmSource(): Promise<string> }
  const committed = readFileSync(new URL('../../lib/aws/sha1-wasm.ts', import.meta.url), 'utf8')
  t.equal(committed, await sha1WasmSource(), 'run npm run wasm after editing sha1.wat')
})
