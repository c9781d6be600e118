// Python's shlex.split(s) (POSIX mode, no comments): the AWS CLI splits
// section titles such as [profile "two words"] with it.

const WHITESPACE = ' \t\r\n'

export class ShlexError extends Error {
  override name = 'ShlexError'
}

export const shlexSplit = (s: string): string[] => {
  // without quotes or escapes the words are the runs between white space;
  // a string split (a profile's title: spaces only) is many times quicker
  // than a regular expression's
  if (!/["'\\]/.test(s)) {
    const words = /[\t\r\n]/.test(s) ? s.split(/[ \t\r\n]+/) : s.split(' ')
    return words.filter(word => word !== '')
  }
  const words: string[] = []
  let word: string | null = null
  let quote: '"' | "'" | null = null
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string
    if (quote === "'") {
      if (ch === "'") quote = null
      else word += ch
    } else if (quote === '"') {
      if (ch === '"') quote = null
      else if (ch === '\\') {
        const next = s[++i]
        if (next === undefined) throw new ShlexError('No escaped character')
        // inside double quotes a backslash escapes only " and \
        word += next === '"' || next === '\\' ? next : '\\' + next
      } else word += ch
    } else if (WHITESPACE.includes(ch)) {
      if (word !== null) words.push(word)
      word = null
    } else if (ch === "'" || ch === '"') {
      quote = ch
      word ??= ''
    } else if (ch === '\\') {
      const next = s[++i]
      if (next === undefined) throw new ShlexError('No escaped character')
      word = (word ?? '') + next
    } else {
      word = (word ?? '') + ch
    }
  }
  if (quote) throw new ShlexError('No closing quotation')
  if (word !== null) words.push(word)
  return words
}
