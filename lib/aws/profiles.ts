import { parseIni, shownName, type Section } from './config-parser.js'
import { pyStrip } from './py-strip.js'
import { readTextFile } from '../cache/read-text-file.js'
import { ShlexError, shlexSplit } from './shlex-split.js'

export type Settings = Section

export interface AwsConfig {
  /** profile name -> its settings, credentials-file values merged over the config file's */
  profiles: Map<string, Settings>
  /** [sso-session NAME] sections */
  ssoSessions: Map<string, Settings>
  /**
   * profiles whose credentials-file section has aws_access_key_id: the CLI
   * takes those keys before a login_session (SharedCredentialProvider)
   */
  credentialsFileKeys: Set<string>
  /** one line per file the AWS CLI would refuse or that cannot be read */
  warnings: string[]
}

const MAX_CONFIG_BYTES = 16 * 1024 * 1024

// "[profile NAME]" and "[sso-session NAME]", split as botocore's
// build_profile_map does (a prefix test, then shlex, then exactly two words)
const titleName = (title: string, prefix: string): string | undefined => {
  if (!title.startsWith(prefix)) return undefined
  let words: string[]
  try {
    words = shlexSplit(title)
  } catch (er) {
    if (er instanceof ShlexError) return undefined
    throw er
  }
  return words.length === 2 ? words[1] : undefined
}

// str.splitlines() breaks at these, besides the line ends configparser knew
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/

// botocore's raw_config_parse reads a value that starts on the next,
// indented line as nested settings (an "s3 =" block): _parse_nested raises on
// a line without "=", and the CLI refuses the whole file. So a plain value
// wrapped onto the next line ("role_arn =" and the ARN below) is fatal.
const nestedValueProblems = (sections: Map<string, Section>): string[] => {
  const found: string[] = []
  for (const [title, settings] of sections) {
    for (const [name, value] of Object.entries(settings)) {
      if (!value.startsWith('\n')) continue
      const bad = value.split(PY_LINE_BREAK).some(line => pyStrip(line) !== '' && !line.includes('='))
      if (bad) found.push(`option ${shownName(name)} in [${title}] continues on an indented line without "="`)
    }
  }
  return found
}

const readIni = (path: string, label: string, warnings: string[]): Map<string, Section> => {
  const file = readTextFile(path, MAX_CONFIG_BYTES)
  if (file.kind === 'missing') return new Map()
  if (file.kind === 'unreadable') {
    warnings.push(`${label} ${path}: ${file.reason}; read as empty`)
    return new Map()
  }
  const { sections, problems, problemCount, valuesOnNextLine } = parseIni(file.text)
  const nested = valuesOnNextLine ? nestedValueProblems(sections) : []
  const first = file.invalidUtf8 ? 'not valid UTF-8' : (problems[0] ?? nested[0])
  const count = problemCount + nested.length + (file.invalidUtf8 ? 1 : 0)
  if (first !== undefined) {
    const more = count > 1 ? ` (and ${count - 1} more)` : ''
    warnings.push(`${label} ${path}: the AWS CLI would refuse this file: ${first}${more}; read what could be read`)
  }
  return sections
}

export interface ConfigFiles {
  configFile: string
  credentialsFile: string
}

/** Profiles as the AWS CLI sees them (botocore's Session.full_config). */
export const loadAwsConfig = ({ configFile, credentialsFile }: ConfigFiles): AwsConfig => {
  const warnings: string[] = []
  const profiles = new Map<string, Settings>()
  const ssoSessions = new Map<string, Settings>()
  for (const [title, settings] of readIni(configFile, 'config file', warnings)) {
    const profile = title === 'default' ? 'default' : titleName(title, 'profile')
    const ssoSession = titleName(title, 'sso-session')
    if (profile !== undefined) profiles.set(profile, settings)
    else if (ssoSession !== undefined) ssoSessions.set(ssoSession, settings)
  }
  const credentialsFileKeys = new Set<string>()
  // credentials-file sections are profile names as written, no "profile " prefix
  for (const [name, settings] of readIni(credentialsFile, 'credentials file', warnings)) {
    profiles.set(name, Object.assign(profiles.get(name) ?? Object.create(null), settings))
    if (settings.aws_access_key_id !== undefined) credentialsFileKeys.add(name)
  }
  return { profiles, ssoSessions, credentialsFileKeys, warnings }
}
