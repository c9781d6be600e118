import t from 'tap'
import { sha1Hex } from '../../lib/aws/digests.js'
import { sha1HexInJavaScript } from '../../lib/aws/sha1.js'
import { sha1AgreesWithCrypto, sha1OfCrypto } from '../helpers/sha1-cases.js'

sha1AgreesWithCrypto(t, 'SHA-1 in JavaScript', sha1HexInJavaScript)

t.test('sha1Hex gives the same digest whichever way it computes it', async t => {
  for (let i = 0; i < 6; i++) t.equal(sha1Hex(`text ${i}`), sha1OfCrypto(`text ${i}`), `digest ${i + 1}`)
})
