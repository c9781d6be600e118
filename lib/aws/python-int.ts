// Unicode keeps every run of decimal digits (category Nd) contiguous and in
// order 0..9, and every run starts at a zero: a digit's value is its distance
// from the start of its run, modulo 10.
const ND = /^\p{Nd}$/u

// int() turns non-ASCII white space into spaces, then strips ASCII white
// space only: \x1c-\x1f (white space to str.strip()) make it raise
const INT_SPACE = '[\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*'
const INT_TEXT = new RegExp(`^${INT_SPACE}([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${INT_SPACE}$`, 'u')

const MAX_STR_DIGITS = 4300

const digitValue = (cp: number): number => {
  let start = cp
  while (ND.test(String.fromCodePoint(start - 1))) start--
  return (cp - start) % 10
}

/**
 * Python's int() of a str: surrounding white space, an optional sign, and
 * decimal digits of any script (full-width, Arabic-Indic, Devanagari…, mixed),
 * single "_" between digits. Undefined where int() raises ValueError.
 */
export const pythonInt = (text: string): bigint | undefined => {
  const m = INT_TEXT.exec(text)
  if (!m) return undefined
  const digits = [...(m[2] as string).replaceAll('_', '')]
  // Python 3.11+ refuses longer decimal texts (sys.int_info.default_max_str_digits)
  if (digits.length > MAX_STR_DIGITS) return undefined
  let ascii = ''
  for (const ch of digits) {
    const cp = ch.codePointAt(0) as number
    ascii += cp >= 0x30 && cp <= 0x39 ? ch : String(digitValue(cp))
  }
  return BigInt(`${m[1]}${ascii}`)
}
