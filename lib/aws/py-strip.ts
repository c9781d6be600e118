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
