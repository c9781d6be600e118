// Python's str.isspace() set, which str.strip() removes. JavaScript's trim()
// differs: it also strips U+FEFF and keeps \x1c-\x1f and \x85.
const PY_SPACE = new Set(
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
    0x2028, 0x2029, 0x202f, 0x205f, 0x3000],
)

// Plain loops, not regular expressions: /[…]+$/ is quadratic on a long run of
// white space that does not end the line, and a config file is hostile input.
export const isPySpace = (s: string, i: number): boolean => PY_SPACE.has(s.charCodeAt(i))

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
