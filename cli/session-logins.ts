// The login each listed session depends on (list --json's `login`), and the
// sessions that are valid but cannot be renewed because that login has lapsed
// (aws/aws-cli#9845). Only the login files some row's profiles use are read.
import type { AwsConfig } from '../lib/aws/profiles.js'
import type { Env } from '../lib/aws/paths.js'
import { lapsed, loginCommand, loginFolders, loginPermissionWarnings, loginSummaries } from '../lib/logins/logins.js'
import { shellWord } from '../lib/output/shell-words.js'
import type { SessionRecord } from '../lib/sessions/session-record.js'
import { home } from './inputs.js'

export interface SessionLogins {
  /** one line per login that lapsed under a valid session, naming the command that logs in again */
  lapsedNotes: string[]
  warnings: string[]
}

/** Sets `login` on every record; says which valid sessions cannot be renewed. */
export const addLogins = (
  records: readonly SessionRecord[],
  config: AwsConfig,
  env: Env,
  now: number,
): SessionLogins => {
  const folders = loginFolders(env, home())
  const summaryOf = loginSummaries(config, folders, now)
  const notes = new Map<string, string>()
  const files = new Map<string, { file: string; mode: null; folder: string }>()
  for (const r of records) {
    const found = summaryOf(r.profiles)
    r.login = found?.summary ?? null
    if (!found) continue
    const folder = found.ref.kind === 'sso' ? folders.ssoDir : folders.loginDir
    if (found.record.error === null) files.set(found.record.file, { file: found.record.file, mode: null, folder })
    if (r.error === null && r.expired === false && lapsed(found.record)) {
      const command = loginCommand(found.ref.kind, found.ref.loginProfile).map(shellWord).join(' ')
      notes.set(
        command,
        `${found.ref.kind === 'sso' ? 'SSO login' : 'aws login session'} "${found.record.name}" has expired and will not renew: its sessions are valid, but cannot be renewed without: ${command}`,
      )
    }
  }
  return { lapsedNotes: [...notes.values()], warnings: loginPermissionWarnings(folders, [...files.values()]) }
}
