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
// option name up to the first = or :, as configparser's OPTCRE
const OPTION = /^(.*?)\s*[=:]\s*(.*)$/su
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
    const opt = OPTION.exec(stripped)
    if (!opt) {
      // configparser keeps the current option: indented lines still continue it
      problems.push(`line ${lineno}: not a "name = value" line`)
      return
    }
    if (opt[1] === '') {
      problems.push(`line ${lineno}: an option without a name`)
      option = null
      return
    }
    const name = pyRstrip(opt[1] as string).toLowerCase()
    if (seenOptions.has(name)) {
      problems.push(`line ${lineno}: option "${name}" appears twice in [${sectionName}]`)
    }
    seenOptions.add(name)
    option = name
    section[name] = [pyStrip(opt[2] as string)]
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
