import { parseAssumedRoleArn, parseRoleArn } from '../aws/arn.js'
import { isReadable, type Entry, type ReadableEntry } from '../cache/entry.js'
import { formatIsoUtc } from '../cache/expiration.js'
import type { Settings } from '../aws/profiles.js'
import type { LoginSummary } from '../logins/logins.js'

interface RecordBase {
  id: string
  file: string
  profiles: string[]
  /** the session whose access key is this process's AWS_ACCESS_KEY_ID */
  active: boolean
  /** the login its profiles depend on (set by list and status: it reads another folder) */
  login?: LoginSummary | null
}

/** A session as `list --json` shows it. Fields are never renamed or dropped. */
export interface ReadableSessionRecord extends RecordBase {
  /** "login": an `aws login` session (its file in the login cache folder) */
  type: 'assume-role' | 'sso' | 'login'
  accountId: string | null
  roleArn: string | null
  roleName: string | null
  sessionName: string | null
  assumedRoleArn: string | null
  accessKeyId: string
  expiration: string
  expiresInSeconds: number
  expired: boolean
  error: null
}

/** An entry that is no session, as `list --json --all` shows it: every session field null. */
export interface UnreadableSessionRecord extends RecordBase {
  type: null
  accountId: null
  roleArn: null
  roleName: null
  sessionName: null
  assumedRoleArn: null
  accessKeyId: null
  expiration: null
  expiresInSeconds: null
  expired: null
  error: string
}

export type SessionRecord = ReadableSessionRecord | UnreadableSessionRecord

export const isSessionRecord = (r: SessionRecord): r is ReadableSessionRecord => r.error === null

/** Whether the entry is the session whose access key is `activeAccessKeyId` (AWS_ACCESS_KEY_ID). */
export const isActiveEntry = (entry: Entry, activeAccessKeyId: string | undefined): boolean =>
  activeAccessKeyId !== undefined && isReadable(entry) && activeAccessKeyId === entry.credentials.accessKeyId

/**
 * Describes an entry, filling in what the entry does not say (account and
 * role of an SSO session) from the settings of a profile that maps to it.
 * Never carries a secret key or session token.
 */
export function sessionRecord(
  entry: ReadableEntry,
  profiles: string[],
  settings: Settings | undefined,
  now: number,
  activeAccessKeyId?: string | undefined,
): ReadableSessionRecord
export function sessionRecord(
  entry: Entry,
  profiles: string[],
  settings: Settings | undefined,
  now: number,
  activeAccessKeyId?: string | undefined,
): SessionRecord
export function sessionRecord(
  entry: Entry,
  profiles: string[],
  settings: Settings | undefined,
  now: number,
  /** AWS_ACCESS_KEY_ID of the environment, if any */
  activeAccessKeyId?: string | undefined,
): SessionRecord {
  // Literals spelled out in full: a spread followed by more fields builds a
  // slow (dictionary-mode) object in V8, 60 times dearer, once per entry.
  if (!isReadable(entry)) {
    return {
      id: entry.id,
      file: entry.file,
      profiles,
      type: null,
      accountId: null,
      roleArn: null,
      roleName: null,
      sessionName: null,
      assumedRoleArn: null,
      accessKeyId: null,
      expiration: null,
      expiresInSeconds: null,
      expired: null,
      error: entry.error,
      active: false,
    }
  }
  const assumed = entry.assumedRoleArn ? parseAssumedRoleArn(entry.assumedRoleArn) : undefined
  // an SSO entry's profile may name a role it does not assume (an empty
  // web_identity_token_file beside its SSO settings): that role is not the
  // entry's; nor is any role that of an `aws login` session
  const configuredRole =
    entry.type === 'assume-role' && settings?.role_arn ? parseRoleArn(settings.role_arn) : undefined
  let roleArn: string | null = null
  let roleName: string | null = null
  if (entry.type === 'sso') {
    roleName = settings?.sso_role_name ?? null
  } else if (configuredRole && settings?.role_arn) {
    roleArn = settings.role_arn
    roleName = configuredRole.roleName
  } else if (assumed) {
    roleArn = `arn:${assumed.partition}:iam::${assumed.accountId}:role/${assumed.roleName}`
    roleName = assumed.roleName
  }
  const accountId =
    entry.accountId ??
    assumed?.accountId ??
    configuredRole?.accountId ??
    (entry.type === 'sso' ? settings?.sso_account_id : undefined) ??
    null
  const seconds = Math.floor((entry.credentials.expiration - now) / 1000)
  return {
    id: entry.id,
    file: entry.file,
    profiles,
    type: entry.type,
    accountId,
    roleArn,
    roleName,
    sessionName: assumed?.sessionName ?? null,
    assumedRoleArn: entry.assumedRoleArn,
    accessKeyId: entry.credentials.accessKeyId,
    expiration: formatIsoUtc(entry.credentials.expiration),
    expiresInSeconds: seconds,
    expired: entry.credentials.expiration <= now,
    error: null,
    active: isActiveEntry(entry, activeAccessKeyId),
  }
}
