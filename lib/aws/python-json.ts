// The AWS CLI names cache files after a SHA-1 of Python's json.dumps output,
// so the text must match Python's spelling byte for byte.

export type PyJsonValue = string | bigint | { [key: string]: PyJsonValue }

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

// json.dumps with ensure_ascii=True: everything outside printable ASCII
// becomes \uXXXX (lower-case hex, one escape per UTF-16 unit).
export const pythonJsonString = (s: string): string => {
  // the usual name or ARN needs no escape
  if (PLAIN.test(s)) return `"${s}"`
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x22) out += '\\"'
    else if (c === 0x5c) out += '\\\\'
    else if (c === 0x0a) out += '\\n'
    else if (c === 0x0d) out += '\\r'
    else if (c === 0x09) out += '\\t'
    else if (c === 0x08) out += '\\b'
    else if (c === 0x0c) out += '\\f'
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0')
    else out += s[i]
  }
  return out + '"'
}

const SURROGATE = /[\ud800-\udfff]/

// Python sorts keys by code point; JavaScript's default sort compares UTF-16
// units, which differs only for astral characters.
const byCodePoint = (a: string, b: string): number => {
  const x = [...a].map(ch => ch.codePointAt(0) as number)
  const y = [...b].map(ch => ch.codePointAt(0) as number)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
  }
  return x.length - y.length
}

const ascending = (keys: string[]): boolean => {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return false
  return true
}

/**
 * `json.dumps(value, sort_keys=True)`, or with `compact` the
 * `separators=(",", ":")` variant.
 */
export const pythonJsonDumps = (value: PyJsonValue, compact = false): string => {
  if (typeof value === 'string') return pythonJsonString(value)
  if (typeof value === 'bigint') return value.toString()
  const keys = Object.keys(value)
  // the usual keys (RoleArn, accountId) sort the same either way, and come
  // in order (sorting a few keys costs more than the rest of the text)
  if (keys.some(key => SURROGATE.test(key))) keys.sort(byCodePoint)
  else if (!ascending(keys)) keys.sort()
  let out = '{'
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string
    if (i > 0) out += compact ? ',' : ', '
    out += pythonJsonString(key) + (compact ? ':' : ': ') + pythonJsonDumps(value[key] as PyJsonValue, compact)
  }
  return out + '}'
}
