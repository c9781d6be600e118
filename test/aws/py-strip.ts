import t from 'tap'
import { isPySpace } from '../../lib/aws/py-strip.js'

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
