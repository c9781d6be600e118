import { pyLeadingSpace, pyRstrip, pyStrip } from './py-strip.js'

// Reads an INI text the way the AWS CLI does: Python's
// configparser.RawConfigParser() with its defaults. Where configparser would
// refuse the whole file (strict mode), this reads on and reports a problem,
// so that one bad line does not hide every profile.

export type Section = Record<string, string>

export interface ParsedIni {
  /** sections in file order; options of [DEFAULT] already merged in */
  sections: Map<string, Section>
  /** why configparser (and so the AWS CLI) would refuse this text */
  problems: string[]
}

const SECTION = /^\[(.+)\]/s

// configparser's OPTCRE, (?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$,
// spelled as a search for the first = or :. The regular expression itself
// takes quadratic time on a long run of white space without a = in it.
const splitOption = (line: string): { name: string; value: string } | undefined => {
  const at = line.search(/[=:]/)
  return at < 0 ? undefined : { name: pyRstrip(line.slice(0, at)), value: pyStrip(line.slice(at + 1)) }
}

// Option names are echoed in warnings only when they look like option names
// (region, sso_role_name): a secret pasted on a line of its own (base64
// ending in "=") parses as an option named after it. A secret key is 40
// characters, a session token hundreds, neither has an "_".
const shownName = (name: string): string =>
  /^[a-z][a-z0-9_]*$/.test(name) && (name.length <= 16 || (name.includes('_') && name.length <= 48))
    ? `"${name}"`
    : '(name not shown)'
const DEFAULT_SECTION = 'DEFAULT'

export const parseIni = (text: string): ParsedIni => {
  const problems: string[] = []
  if (text.startsWith('\ufeff')) {
    problems.push('starts with a UTF-8 byte-order mark')
    text = text.slice(1)
  }
  const defaults: Section = Object.create(null)
  const raw = new Map<string, Record<string, string[]>>()
  const seenSections = new Set<string>()
  let section: Record<string, string[]> | null = null
  let sectionName = ''
  let seenOptions = new Set<string>()
  const defaultLines: Record<string, string[]> = Object.create(null)
  let option: string | null = null
  let indent = 0

  // configparser opens files with universal newlines
  const lines = text.split(/\r\n|\r|\n/)
  lines.forEach((line, index) => {
    const lineno = index + 1
    const stripped = pyStrip(line)
    const isComment = stripped.startsWith('#') || stripped.startsWith(';')
    if (isComment || stripped === '') {
      // blank lines belong to a multi-line value; comment lines do not
      if (!isComment && section && option !== null) section[option]?.push('')
      return
    }
    const lineIndent = pyLeadingSpace(line)
    if (section && option !== null && lineIndent > indent) {
      section[option]?.push(stripped)
      return
    }
    indent = lineIndent
    const header = SECTION.exec(stripped)
    if (header) {
      sectionName = header[1] as string
      option = null
      if (sectionName === DEFAULT_SECTION) {
        section = defaultLines
      } else {
        if (seenSections.has(sectionName)) {
          problems.push(`line ${lineno}: section [${sectionName}] appears twice`)
        }
        seenSections.add(sectionName)
        section = raw.get(sectionName) ?? Object.create(null)
        raw.set(sectionName, section as Record<string, string[]>)
      }
      seenOptions = new Set()
      return
    }
    if (!section) {
      problems.push(`line ${lineno}: text before the first [section]`)
      return
    }
    const opt = splitOption(stripped)
    if (!opt) {
      // configparser keeps the current option: indented lines still continue it
      problems.push(`line ${lineno}: not a "name = value" line`)
      return
    }
    if (opt.name === '') {
      problems.push(`line ${lineno}: an option without a name`)
      option = null
      return
    }
    const name = opt.name.toLowerCase()
    if (seenOptions.has(name)) {
      problems.push(`line ${lineno}: option ${shownName(name)} appears twice in [${sectionName}]`)
    }
    seenOptions.add(name)
    option = name
    section[name] = [opt.value]
  })

  const join = (values: Record<string, string[]>): Section => {
    const out: Section = Object.create(null)
    for (const [k, v] of Object.entries(values)) out[k] = pyRstrip(v.join('\n'))
    return out
  }
  Object.assign(defaults, join(defaultLines))
  const sections = new Map<string, Section>()
  for (const [name, values] of raw) {
    sections.set(name, Object.assign(Object.create(null), defaults, join(values)))
  }
  return { sections, problems }
}
