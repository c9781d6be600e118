// Python's str.isspace() set, which str.strip() removes. JavaScript's trim()
// differs: it also strips U+FEFF and keeps \x1c-\x1f and \x85.
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'

const LEADING = new RegExp(`^[${PY_SPACE}]+`)
const TRAILING = new RegExp(`[${PY_SPACE}]+$`)

export const pyRstrip = (s: string): string => s.replace(TRAILING, '')
export const pyStrip = (s: string): string => pyRstrip(s.replace(LEADING, ''))
export const pyLeadingSpace = (s: string): number => LEADING.exec(s)?.[0].length ?? 0
