// cli/io.ts writes through one 64 KiB buffer, a piece at a time: what reaches
// the descriptor must be the texts' UTF-8, byte for byte, wherever a piece ends.
import { closeSync, openSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { PIECE_BYTES as PIECE, writeAll } from '../../cli/io.js'

const written = (texts: string[]): Buffer => {
  const file = join(t.testdir(), 'out')
  const fd = openSync(file, 'w')
  try {
    writeAll(fd, texts)
  } finally {
    closeSync(fd)
  }
  return readFileSync(file)
}

const same = (texts: string[], what: string): void => {
  t.equal(written(texts).equals(Buffer.from(texts.join(''), 'utf8')), true, what)
}

// each character that takes more than one byte, from every position just before the end of a piece
for (const char of ['é', '€', '😀', '\ud800', '\udfff']) {
  for (let before = PIECE - 4; before <= PIECE; before++) {
    same(['a'.repeat(before) + char + 'b'], `${JSON.stringify(char)} after ${before} bytes`)
  }
}
same([], 'no texts: nothing')
same(['', '', ''], 'empty texts: nothing')
same(['x'.repeat(PIECE - 1), '😀', '\n'], 'a character that does not fit, in a text of its own')
same(['😀'.repeat(PIECE), 'é'.repeat(PIECE), '\n'], 'several pieces of multi-byte characters')
// a pair of surrogates split between two texts is two lone surrogates, as Buffer.from writes them apart
t.equal(
  written(['\ud83d', '\ude00']).equals(Buffer.concat([Buffer.from('\ud83d'), Buffer.from('\ude00')])),
  true,
  'a pair split between texts: each half as a lone surrogate',
)
