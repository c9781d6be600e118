import { pyStrippingFor, type PyStripping } from './py-strip.js'

// Reads an INI text the way the AWS CLI does: Python's
// configparser.RawConfigParser() with its defaults. Where configparser would
// refuse the whole file (strict mode), this reads on and reports a problem,
// so that one bad line does not hide every profile.

export type Section = Record<string, string>

export interface ParsedIni {
  /** sections in file order; options of [DEFAULT] already merged in */
  sections: Map<string, Section>
  /** why configparser (and so the AWS CLI) would refuse this text: the first few */
  problems: string[]
  /** how many there are in all (a hostile file can have millions) */
  problemCount: number
  /** false when no value starts on the line after its name (botocore reads such a value as nested settings) */
  valuesOnNextLine: boolean
}

const SECTION = /^\[(.+)\]/s

// configparser's OPTCRE, (?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$,
// spelled as a search for the first = or :. The regular expression itself
// takes quadratic time on a long run of white space without a = in it.
const splitOption = (line: string, py: PyStripping): { name: string; value: string } | undefined => {
  const equals = line.indexOf('=')
  const colon = line.indexOf(':')
  const at = equals < 0 || (colon >= 0 && colon < equals) ? colon : equals
  return at < 0 ? undefined : { name: py.rstrip(line.slice(0, at)), value: py.strip(line.slice(at + 1)) }
}

// Option names are echoed in warnings only when they look like option names
// (region, sso_role_name): a secret pasted on a line of its own (base64
// ending in "=") parses as an option named after it. A secret key is 40
// characters, a session token hundreds, neither has an "_".
export const shownName = (name: string): string =>
  /^[a-z][a-z0-9_]*$/.test(name) && (name.length <= 16 || (name.includes('_') && name.length <= 48))
    ? `"${name}"`
    : '(name not shown)'
const DEFAULT_SECTION = 'DEFAULT'

const KEPT_PROBLEMS = 10

export const parseIni = (text: string): ParsedIni => {
  const problems: string[] = []
  let problemCount = 0
  const problem = (message: string): void => {
    if (problemCount++ < KEPT_PROBLEMS) problems.push(message)
  }
  if (text.startsWith('\ufeff')) {
    problem('starts with a UTF-8 byte-order mark')
    text = text.slice(1)
  }
  const py = pyStrippingFor(text)
  const defaults: Section = Object.create(null)
  const raw = new Map<string, Section>()
  // configparser's elements_added: [DEFAULT] may appear twice, its options not
  const seenOptions = new Map<string, Set<string>>()
  let section: Section | null = null
  let sectionName = ''
  let sectionOptions = new Set<string>()
  let option: string | null = null
  let indent = 0
  // blank lines since the current option's last line: they belong to its value
  // only if another continuation line follows (configparser strips them off the
  // end); a line that is not an option between them changes nothing
  let blankLines = 0
  let valuesOnNextLine = false

  // configparser opens files with universal newlines (a string split is many
  // times quicker than a regular expression's, and most files have no \r)
  const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const lineIndent = py.leadingSpace(line)
    const stripped = lineIndent === line.length ? '' : py.rstrip(lineIndent ? line.slice(lineIndent) : line)
    const first = stripped.charCodeAt(0)
    const isComment = first === 0x23 /* # */ || first === 0x3b /* ; */
    if (isComment || stripped === '') {
      // blank lines belong to a multi-line value; comment lines do not
      if (!isComment) blankLines++
      continue
    }
    if (section && option !== null && lineIndent > indent) {
      if (section[option] === '') valuesOnNextLine = true
      section[option] += '\n'.repeat(blankLines + 1) + stripped
      blankLines = 0
      continue
    }
    indent = lineIndent
    const header = first === 0x5b /* [ */ ? SECTION.exec(stripped) : null
    if (header) {
      sectionName = header[1] as string
      option = null
      blankLines = 0
      if (sectionName === DEFAULT_SECTION) {
        section = defaults
      } else {
        let existing = raw.get(sectionName)
        if (existing) problem(`line ${index + 1}: section [${sectionName}] appears twice`)
        else raw.set(sectionName, (existing = Object.create(null) as Section))
        section = existing
      }
      sectionOptions = seenOptions.get(sectionName) ?? new Set()
      seenOptions.set(sectionName, sectionOptions)
      continue
    }
    if (!section) {
      problem(`line ${index + 1}: text before the first [section]`)
      continue
    }
    const opt = splitOption(stripped, py)
    if (!opt) {
      // configparser keeps the current option: indented lines still continue it
      problem(`line ${index + 1}: not a "name = value" line`)
      continue
    }
    if (opt.name === '') {
      // configparser complains, keeps it all the same, and lets no line continue it
      problem(`line ${index + 1}: an option without a name`)
      section[''] = opt.value
      option = null
      continue
    }
    const name = opt.name.toLowerCase()
    if (sectionOptions.has(name)) {
      problem(`line ${index + 1}: option ${shownName(name)} appears twice in [${sectionName}]`)
    }
    sectionOptions.add(name)
    option = name
    blankLines = 0
    section[name] = opt.value
  }

  const hasDefaults = Object.keys(defaults).length > 0
  const sections = new Map<string, Section>()
  for (const [name, values] of raw) {
    sections.set(name, hasDefaults ? Object.assign(Object.create(null), defaults, values) : values)
  }
  return { sections, problems, problemCount, valuesOnNextLine }
}
