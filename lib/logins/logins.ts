// Every login the AWS CLI has cached (SSO tokens and `aws login` sessions),
// described with the profiles that depend on each, as `logins --json` shows it.
import { join } from 'node:path'
import type { Env } from '../aws/paths.js'
import type { AwsConfig } from '../aws/profiles.js'
import { formatIsoUtc } from '../cache/expiration.js'
import { permissionWarnings } from '../cache/permissions.js'
import { loginCacheDir, readLoginCacheDir, readLoginSession, type LoginSession } from './login-cache.js'
import { loginOfProfile, loginRefKey, profilesByLogin, type LoginKind, type LoginRef } from './login-of-profile.js'
import { readSsoCacheDir, readSsoFile, ssoCacheDir, ssoRefreshable, ssoTokenKey, type SsoFile } from './sso-cache.js'

/** One login as `logins --json` shows it. Fields are never renamed or dropped; unknown is null. */
export interface LoginRecord {
  /** the file's name without ".json" */
  id: string
  file: string
  kind: LoginKind
  /** the [sso-session] name, the start URL, or the login ARN (else the file's id) */
  name: string
  startUrl: string | null
  region: string | null
  /** console: the account of its access key */
  accountId: string | null
  profiles: string[]
  /** sso: the access token's; console: the current access key's (15 minutes at a time) */
  expiration: string | null
  expiresInSeconds: number | null
  expired: boolean | null
  /** the CLI renews it by itself (as far as the file tells) */
  refreshable: boolean | null
  /** sso: the client registration's end, after which no renewal */
  registrationExpiration: string | null
  error: string | null
}

/** What `list --json` says of a row's login. */
export interface LoginSummary {
  kind: LoginKind
  name: string
  expiration: string | null
  expired: boolean | null
  refreshable: boolean | null
}

export interface LoginFolders {
  ssoDir: string
  loginDir: string
}

export const loginFolders = (env: Env, home: string): LoginFolders => ({
  ssoDir: ssoCacheDir(home),
  loginDir: loginCacheDir(env, home),
})

/** A login that has expired and will not renew: its profiles need a new login. */
export const lapsed = (r: Pick<LoginRecord, 'expired' | 'refreshable' | 'error'>): boolean =>
  r.error === null && r.expired === true && r.refreshable !== true

/** A valid session whose login has lapsed: it cannot be renewed without a new login (aws/aws-cli#9845). */
export const sessionLoginLapsed = (r: {
  error: string | null
  expired: boolean | null
  login?: LoginSummary | null | undefined
}): boolean =>
  r.error === null && r.expired === false && !!r.login && r.login.expired === true && r.login.refreshable !== true

/** The command that logs in again for a login of `kind` named by profile `profile`. */
export const loginCommand = (kind: LoginKind, profile: string): string[] =>
  kind === 'sso' ? ['aws', 'sso', 'login', '--profile', profile] : ['aws', 'login', '--profile', profile]

const timing = (expiration: number, now: number): Pick<LoginRecord, 'expiration' | 'expiresInSeconds' | 'expired'> => ({
  expiration: formatIsoUtc(expiration),
  expiresInSeconds: Math.floor((expiration - now) / 1000),
  expired: expiration <= now,
})

// the fields in the documented order, whatever order they were gathered in
const inOrder = (r: LoginRecord): LoginRecord => ({
  id: r.id,
  file: r.file,
  kind: r.kind,
  name: r.name,
  startUrl: r.startUrl,
  region: r.region,
  accountId: r.accountId,
  profiles: r.profiles,
  expiration: r.expiration,
  expiresInSeconds: r.expiresInSeconds,
  expired: r.expired,
  refreshable: r.refreshable,
  registrationExpiration: r.registrationExpiration,
  error: r.error,
})

const UNKNOWN_TIMING = { expiration: null, expiresInSeconds: null, expired: null }

/** An SSO token file described; undefined for a client registration, which is no login. */
export const ssoLoginRecord = (
  f: SsoFile,
  ref: LoginRef | undefined,
  profiles: string[],
  now: number,
): LoginRecord | undefined => {
  if (f.kind === 'registration') return undefined
  const base = { id: f.id, file: f.file, kind: 'sso' as const, accountId: null, profiles }
  if (f.kind === 'unreadable') {
    return inOrder({
      ...base,
      name: ref?.name ?? f.id,
      startUrl: ref?.startUrl ?? null,
      region: ref?.region ?? null,
      ...UNKNOWN_TIMING,
      refreshable: null,
      registrationExpiration: null,
      error: f.error,
    })
  }
  // no profile names it: a legacy login's key is its start URL's; any other is an [sso-session]'s
  const viaSsoSession = ref ? ref.viaSsoSession : !(f.startUrl !== null && ssoTokenKey(f.startUrl) === f.id)
  return inOrder({
    ...base,
    name: ref?.name ?? f.startUrl ?? f.id,
    startUrl: f.startUrl ?? ref?.startUrl ?? null,
    region: f.region ?? ref?.region ?? null,
    ...timing(f.expiration, now),
    refreshable: ssoRefreshable(f, viaSsoSession, now),
    registrationExpiration: f.registrationExpiration === null ? null : formatIsoUtc(f.registrationExpiration),
    error: null,
  })
}

/** An `aws login` session described. */
export const consoleLoginRecord = (
  s: LoginSession,
  ref: LoginRef | undefined,
  profiles: string[],
  now: number,
): LoginRecord => {
  const base = {
    id: s.id,
    file: s.file,
    kind: 'console' as const,
    startUrl: null,
    region: ref?.region ?? null,
    profiles,
    registrationExpiration: null,
  }
  if (s.error !== null)
    return inOrder({
      ...base,
      name: ref?.name ?? s.id,
      accountId: null,
      ...UNKNOWN_TIMING,
      refreshable: null,
      error: s.error,
    })
  return inOrder({
    ...base,
    name: ref?.name ?? s.loginArn ?? s.id,
    accountId: s.accountId,
    ...timing(s.credentials.expiration, now),
    refreshable: s.refreshable,
    error: null,
  })
}

export interface LoginListing {
  /** SSO logins first, then console ones, each by name */
  logins: LoginRecord[]
  /** the files read (logins and registrations): for the permission check */
  files: { file: string; mode: number | null; folder: string }[]
  warnings: string[]
}

/** Every login in both folders, with the profiles that depend on each. */
export const listLogins = (config: AwsConfig, folders: LoginFolders, now: number): LoginListing => {
  const byLogin = profilesByLogin(config)
  // an [sso-session] no profile uses still names its token
  const sessionNames = new Map([...config.ssoSessions.keys()].map(n => [ssoTokenKey(n), n]))
  const sso = readSsoCacheDir(folders.ssoDir)
  const consoles = readLoginCacheDir(folders.loginDir)
  const logins: LoginRecord[] = []
  const files: LoginListing['files'] = []
  for (const f of sso.files) {
    // only what was read holds a secret (a FIFO or a link to a device holds none)
    if (f.error === null) files.push({ file: f.file, mode: f.mode, folder: folders.ssoDir })
    const known = byLogin.get(loginRefKey({ kind: 'sso', id: f.id }))
    const name = sessionNames.get(f.id)
    const ref =
      known?.ref ??
      (name === undefined
        ? undefined
        : {
            kind: 'sso' as const,
            id: f.id,
            name,
            viaSsoSession: true,
            startUrl: config.ssoSessions.get(name)?.sso_start_url ?? null,
            region: config.ssoSessions.get(name)?.sso_region ?? null,
            loginProfile: '',
          })
    const record = ssoLoginRecord(f, ref, known?.profiles ?? [], now)
    if (record) logins.push(record)
  }
  for (const s of consoles.sessions) {
    if (s.error === null) files.push({ file: s.file, mode: s.mode, folder: folders.loginDir })
    const known = byLogin.get(loginRefKey({ kind: 'console', id: s.id }))
    logins.push(consoleLoginRecord(s, known?.ref, known?.profiles ?? [], now))
  }
  logins.sort((a, b) =>
    a.kind !== b.kind ? (a.kind === 'sso' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  return { logins, files, warnings: [...sso.warnings, ...consoles.warnings] }
}

const FOLDER_WORDS = {
  sso: { one: 'SSO login file', many: 'SSO login files', holding: 'tokens (a refresh token, a client secret)' },
  console: { one: 'aws login file', many: 'aws login files', holding: 'a private key and a refresh token' },
}

/** The permission check of both login folders (the files as read by listLogins or loginOfProfileRead). */
export const loginPermissionWarnings = (
  folders: LoginFolders,
  files: readonly { file: string; mode: number | null; folder: string }[],
): string[] => [
  ...permissionWarnings({
    cacheDir: folders.ssoDir,
    entries: files.filter(f => f.folder === folders.ssoDir),
    words: FOLDER_WORDS.sso,
  }),
  ...permissionWarnings({
    cacheDir: folders.loginDir,
    entries: files.filter(f => f.folder === folders.loginDir),
    words: FOLDER_WORDS.console,
  }),
]

export interface ProfileLogin {
  ref: LoginRef
  /** undefined: no file for it */
  record: LoginRecord | undefined
}

/**
 * The login of one profile, reading only its file. `profilesOf` gives the
 * profiles to show for it (all that use it), when known.
 */
export const loginOfProfileRead = (
  config: AwsConfig,
  name: string,
  folders: LoginFolders,
  now: number,
  profilesOf: (ref: LoginRef) => string[] = () => [name],
): ProfileLogin | undefined => {
  const ref = loginOfProfile(config, name)
  if (ref === undefined) return undefined
  if (ref.kind === 'sso') {
    const f = readSsoFile(join(folders.ssoDir, `${ref.id}.json`), ref.id)
    // a registration under a token's name is no token
    return { ref, record: f && ssoLoginRecord(f, ref, profilesOf(ref), now) }
  }
  const s = readLoginSession(join(folders.loginDir, `${ref.id}.json`), ref.id)
  return { ref, record: s && consoleLoginRecord(s, ref, profilesOf(ref), now) }
}

/** `login` of list --json: the login each row's profiles depend on, each file read once. */
export const loginSummaries = (
  config: AwsConfig,
  folders: LoginFolders,
  now: number,
): ((profiles: readonly string[]) => { summary: LoginSummary; record: LoginRecord; ref: LoginRef } | null) => {
  const read = new Map<string, ProfileLogin | undefined>()
  return profiles => {
    for (const profile of profiles) {
      const ref = loginOfProfile(config, profile)
      if (ref === undefined) continue
      const key = loginRefKey(ref)
      if (!read.has(key)) read.set(key, loginOfProfileRead(config, profile, folders, now))
      const found = read.get(key)
      const record = found?.record
      if (!found || !record) return null
      const { kind, name, expiration, expired, refreshable } = record
      return { summary: { kind, name, expiration, expired, refreshable }, record, ref }
    }
    return null
  }
}
