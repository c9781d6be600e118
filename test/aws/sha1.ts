import { createHash } from 'node:crypto'
import t from 'tap'
import { sha1Hex } from '../../lib/aws/digests.js'
import { sha1HexInJavaScript } from '../../lib/aws/sha1.js'
import { prng } from '../helpers/prng.js'

const expected = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex')

t.test('SHA-1 in JavaScript is node:crypto SHA-1, at every padding boundary and in any script', async t => {
  const texts = ['', 'a', 'abc', 'é', '€', '😀', 'Ω'.repeat(40), '{"RoleArn": "arn:aws:iam::1:role/r"}']
  // lengths around the 55/56/64-byte block boundaries, one and two blocks
  for (let n = 50; n <= 130; n++) texts.push('x'.repeat(n))
  for (const text of texts) t.equal(sha1HexInJavaScript(text), expected(text), JSON.stringify(text.slice(0, 20)))
  t.equal(sha1HexInJavaScript('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d', 'FIPS 180-2 example')
})

t.test('SHA-1 in JavaScript agrees with node:crypto on random texts', async t => {
  const random = prng(11)
  const alphabet = [...'aZ09 {}":,-_/é€😀\u0000\n']
  const failed: string[] = []
  for (let i = 0; i < 500; i++) {
    const text = Array.from({ length: random.int(0, 300) }, () => random.pick(alphabet)).join('')
    if (sha1HexInJavaScript(text) !== expected(text)) failed.push(text)
  }
  t.same(failed, [], `seed ${random.seed}`)
})

t.test('sha1Hex gives the same digest whichever way it computes it', async t => {
  for (let i = 0; i < 6; i++) t.equal(sha1Hex(`text ${i}`), expected(`text ${i}`), `digest ${i + 1}`)
})
