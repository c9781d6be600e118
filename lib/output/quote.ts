import { AwscacheError, EXIT } from '../errors.js'

// One quoting function per target. Each returns text that its target reads
// back as exactly `value`, or refuses a value it cannot carry safely.

const refuse = (what: string, target: string): never => {
  throw new AwscacheError(`a value holds ${what}, which ${target} cannot carry safely; nothing printed`, EXIT.error)
}

// A lone UTF-16 surrogate (JSON "\ud800" in an entry) has no UTF-8 spelling:
// written out it would silently become U+FFFD, a value other than the cached one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Everything printed as text goes out as UTF-8: refuses what that cannot carry exactly. */
export const wellFormed = (value: string, target: string): string =>
  LONE_SURROGATE.test(value) ? refuse('a lone UTF-16 surrogate (not a character)', target) : value

const noNul = (value: string, target: string): string =>
  value.includes('\0') ? refuse('a NUL character', target) : wellFormed(value, target)

/** POSIX sh, bash, zsh, dash, ksh: inside '…' every character is literal but ' itself. */
export const quoteSh = (value: string): string => `'${noNul(value, 'a shell').replaceAll("'", `'\\''`)}'`

/** fish: inside '…' only \\ and \' are escapes. */
export const quoteFish = (value: string): string => `'${noNul(value, 'fish').replace(/[\\']/g, ch => `\\${ch}`)}'`

/** PowerShell: inside '…' a quote is doubled; the typographic single quotes count as quotes too. */
export const quotePowershell = (value: string): string =>
  `'${noNul(value, 'PowerShell').replace(/['\u2018\u2019\u201a\u201b]/g, ch => ch + ch)}'`

/** dotenv for `docker run --env-file`: no quoting at all, so one line per value. */
export const dotenvValue = (value: string): string =>
  /[\r\n\0]/.test(value) ? refuse('a line break or NUL', 'a dotenv file') : wellFormed(value, 'a dotenv file')

/** Standard SQL string literal (DuckDB): ' doubled, backslash literal. */
export const sqlLiteral = (value: string): string => `'${noNul(value, 'SQL').replaceAll("'", "''")}'`

// cmd.exe reads `set NAME=value` with no quoting it can trust: % expands a
// variable (even inside quotes), ^ & | < > are operators, " toggles their
// meaning, ! expands under delayed expansion, and a batch file is read in the
// console's code page, which mangles anything but ASCII. So only printable
// ASCII without those characters is written; anything else is refused.
const cmdRefusal = (value: string): string | undefined => {
  if (value === '') return "nothing (cmd's `set NAME=` removes the variable)"
  if (/[\r\n]/.test(value)) return 'a line break'
  if (value.includes('\0')) return 'a NUL character'
  const special = /[%^&|<>"!]/.exec(value)
  if (special) return `the character ${special[0]}`
  if (/[\0-\x1f\x7f]/.test(value)) return 'a control character'
  if (/[^\x20-\x7e]/.test(value)) return 'a character outside printable ASCII (cmd reads a batch file in its code page)'
  return undefined
}

/** cmd.exe: `set NAME=value` takes the value as written, so a value must need no quoting at all. */
export const cmdValue = (value: string): string => {
  const what = cmdRefusal(value)
  return what === undefined ? value : refuse(what, 'cmd.exe')
}

/** Redshift and Snowflake also read backslash as an escape inside '…'. */
export const sqlLiteralBackslash = (value: string): string =>
  `'${noNul(value, 'SQL').replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
