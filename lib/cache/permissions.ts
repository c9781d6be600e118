import { readdirSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { shellWord } from '../output/shell-words.js'

// Cache entries hold live credentials. ssh refuses a private key that others
// can read; awscache, which only reads, warns instead. The AWS CLI creates
// each entry with mode 0600, so a wider mode means someone changed it (a
// restored backup, a synced folder, a chmod -R).
//
// The folder itself is created by the AWS CLI with the default mode (0755
// under the usual umask 022): listing it shows only hashed file names, so a
// readable folder is not warned about — every user would get the warning for
// nothing. A folder that group or others may WRITE is: they can replace an
// entry with credentials of their own choosing (and remove yours).

const GROUP_OR_OTHER_READ = 0o044
const GROUP_OR_OTHER_WRITE = 0o022
const STICKY = 0o1000

export interface EntryFile {
  /** absolute path; a symbolic link is followed, as reading it does (the caller passes only entries that hold a session) */
  file: string
  /** its permission bits when already known (from the lstat of a regular file) */
  mode?: number | null
}

export interface PermissionInputs {
  /** the cache folder */
  cacheDir: string
  /** the entries to check */
  entries: readonly EntryFile[]
  /** process.platform: modes mean nothing on Windows */
  platform?: NodeJS.Platform
  /** what the entries are and hold, when not role sessions (the login folders) */
  words?: EntryWords
}

export interface EntryWords {
  one: string
  many: string
  /** "live credentials" */
  holding: string
}

const CACHE_ENTRY_WORDS: EntryWords = { one: 'cache entry', many: 'cache entries', holding: 'live credentials' }

const modeOf = (path: string, folder = false): number | undefined => {
  try {
    const st = statSync(path)
    // a "folder" that is none (/dev/zero as the cache folder) is reported as such elsewhere
    if (folder && !st.isDirectory()) return undefined
    return st.mode & 0o7777
  } catch {
    // gone, or unreadable: reading it reports that already
    return undefined
  }
}

// `chmod DIR/*.json` follows any link named so: then only the regular files may be named
const hasLinkedEntries = (cacheDir: string): boolean => {
  try {
    return readdirSync(cacheDir, { withFileTypes: true }).some(d => d.name.endsWith('.json') && d.isSymbolicLink())
  } catch {
    return true
  }
}

const octal = (mode: number): string => mode.toString(8).padStart(4, '0')

/**
 * At most two warning lines (one for the folder, one for all entries), each
 * with the command that fixes it. Never throws; never names a file's content.
 */
export const permissionWarnings = ({
  cacheDir,
  entries,
  platform = process.platform,
  words = CACHE_ENTRY_WORDS,
}: PermissionInputs): string[] => {
  if (platform === 'win32') return []
  const warnings: string[] = []
  const dirMode = modeOf(cacheDir, true)
  if (dirMode !== undefined && dirMode & GROUP_OR_OTHER_WRITE && !(dirMode & STICKY)) {
    warnings.push(
      `the cache folder ${cacheDir} (mode ${octal(dirMode)}) can be written by group or others, who could replace your sessions; run: chmod go-w ${shellWord(cacheDir)}`,
    )
  }
  const open: { file: string; mode: number }[] = []
  for (const entry of entries) {
    const mode = typeof entry.mode === 'number' ? entry.mode : modeOf(entry.file)
    if (mode !== undefined && (mode & (GROUP_OR_OTHER_READ | GROUP_OR_OTHER_WRITE)) !== 0)
      open.push({ file: entry.file, mode })
  }
  const first = open[0]
  if (first !== undefined) {
    const which =
      open.length === 1
        ? `${words.one} ${basename(first.file)} (mode ${octal(first.mode)}) is`
        : `${open.length} ${words.many} are`
    // a glob would also take any other link named *.json, to a file that is none of ours
    const fix = hasLinkedEntries(cacheDir)
      ? `chmod go-rwx ${open.map(o => shellWord(o.file)).join(' ')}`
      : `chmod go-rwx ${shellWord(cacheDir)}/*.json`
    warnings.push(
      `${which} readable or writable by group or others, and ${open.length === 1 ? 'holds' : 'hold'} ${words.holding}; run: ${fix}`,
    )
  }
  return warnings
}
