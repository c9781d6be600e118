// The cases every SHA-1 of lib/aws is held to: node:crypto's digest of the
// text's UTF-8, at the padding boundaries, in any script, on random texts.
import { createHash } from 'node:crypto'
import type { Test } from 'tap'
import { prng } from './prng.js'

export const sha1OfCrypto = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex')

export const sha1AgreesWithCrypto = (t: Test, name: string, sha1: (text: string) => string | undefined): void => {
  t.test(`${name} is node:crypto's SHA-1, at every padding boundary and in any script`, async t => {
    const texts = ['', 'a', 'abc', 'é', '€', '😀', 'Ω'.repeat(40), '{"RoleArn": "arn:aws:iam::1:role/r"}']
    // lengths around the 55/56/64-byte block boundaries, one and two blocks
    for (let n = 50; n <= 130; n++) texts.push('x'.repeat(n))
    for (const text of texts) t.equal(sha1(text), sha1OfCrypto(text), JSON.stringify(text.slice(0, 20)))
    t.equal(sha1('abc'), 'a9993e364706816aba3e25717850c26c9cd0d89d', 'FIPS 180-2 example')
  })

  t.test(`${name} agrees with node:crypto on random texts`, async t => {
    const random = prng(11)
    const alphabet = [...'aZ09 {}":,-_/é€😀\u0000\n\ud800']
    const failed: string[] = []
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: random.int(0, 300) }, () => random.pick(alphabet)).join('')
      if (sha1(text) !== sha1OfCrypto(text)) failed.push(text)
    }
    t.same(failed, [], `seed ${random.seed}`)
  })
}
