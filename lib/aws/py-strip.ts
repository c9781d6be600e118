// Python's str.isspace() set, which str.strip() removes. JavaScript's trim()
// differs: it also strips U+FEFF and keeps \x1c-\x1f and \x85.
const PY_SPACE_ABOVE_ASCII = new Set([0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000])

const isPySpaceCode = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0x1c && c <= 0x1f) ||
  (c > 0x7f && ((c >= 0x2000 && c <= 0x200a) || PY_SPACE_ABOVE_ASCII.has(c)))

// Plain loops, not regular expressions: /[…]+$/ is quadratic on a long run of
// white space that does not end the line, and a config file is hostile input.
export const isPySpace = (s: string, i: number): boolean => isPySpaceCode(s.charCodeAt(i))

export const pyLeadingSpace = (s: string): number => {
  let i = 0
  while (i < s.length && isPySpace(s, i)) i++
  return i
}

export const pyRstrip = (s: string): string => {
  let end = s.length
  while (end > 0 && isPySpace(s, end - 1)) end--
  return s.slice(0, end)
}

export const pyStrip = (s: string): string => pyRstrip(s.slice(pyLeadingSpace(s)))

export interface PyStripping {
  leadingSpace(s: string): number
  rstrip(s: string): string
  strip(s: string): string
}

const PYTHON_STRIPPING: PyStripping = { leadingSpace: pyLeadingSpace, rstrip: pyRstrip, strip: pyStrip }

const NATIVE_STRIPPING: PyStripping = {
  leadingSpace: s => s.length - s.trimStart().length,
  rstrip: s => s.trimEnd(),
  strip: s => s.trim(),
}

// JavaScript's trim() differs from Python's strip() in \x1c-\x1f and \x85
// (white space to Python only) and U+FEFF (to JavaScript only).
const TRIMMED_UNLIKE_PYTHON = /[\x1c-\x1f\x85\ufeff]/

/**
 * Python's stripping for the lines of `text`: JavaScript's own trim methods
 * where the text has none of the characters they treat otherwise (nearly
 * every file). They run natively, where the loops above are interpreted
 * while V8 has not yet compiled them: most of the time a large config file
 * took to read.
 */
export const pyStrippingFor = (text: string): PyStripping =>
  TRIMMED_UNLIKE_PYTHON.test(text) ? PYTHON_STRIPPING : NATIVE_STRIPPING
