import t from 'tap'
import { isPySpace, pyLeadingSpace, pyRstrip, pyStrip, pyStrippingFor } from '../../lib/aws/py-strip.js'

t.test('white space is exactly what Python 3.11 str.isspace() says, for every UTF-16 unit', async t => {
  // printed by python3 -c "print([hex(c) for c in range(0x110000) if chr(c).isspace()])"
  const python = [
    0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
    0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ]
  const ours: number[] = []
  for (let c = 0; c <= 0xffff; c++) if (isPySpace(String.fromCharCode(c), 0)) ours.push(c)
  t.same(ours, python)
})

t.test('the stripping chosen for a text strips as Python does, for every UTF-16 unit around a word', async t => {
  let differ = 0
  let native = 0
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c)
    for (const s of [`${ch}x${ch}`, `${ch}${ch} x y ${ch}`, ch]) {
      const py = pyStrippingFor(s)
      if (py.strip === pyStrip) continue
      native++
      if (py.strip(s) !== pyStrip(s) || py.rstrip(s) !== pyRstrip(s) || py.leadingSpace(s) !== pyLeadingSpace(s)) {
        if (differ++ < 5) t.fail(`U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(s)}`)
      }
    }
  }
  t.equal(differ, 0)
  // all but the six units that JavaScript trims otherwise (\x1c-\x1f, \x85, U+FEFF), three texts each
  t.equal(native, (0x10000 - 6) * 3)
})
