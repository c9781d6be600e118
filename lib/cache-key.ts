import { hash } from 'node:crypto'
import type { Env } from './paths.js'
import type { Settings } from './profiles.js'
import { pythonJsonDumps, type PyJsonValue } from './python-json.js'

export type SessionType = 'assume-role' | 'sso'

export interface ProfileKey {
  /** the cache entry's file name, without ".json" */
  key: string
  type: SessionType
}

const sha1 = (text: string): string => hash('sha1', text, 'hex')

// Python's int(): optional sign, digits with single underscores, surrounding white space
const pythonInt = (value: string): bigint | undefined => {
  const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(value)
  return m ? BigInt(`${m[1]}${(m[2] as string).replaceAll('_', '')}`) : undefined
}

// botocore's AssumeRoleProvider._get_role_config + _create_cache_key
const assumeRoleKey = (p: Settings): string | undefined => {
  const hasSource = p.source_profile !== undefined
  const hasCredentialSource = p.credential_source !== undefined
  if (hasSource === hasCredentialSource) return undefined
  const args: Record<string, PyJsonValue> = { RoleArn: p.role_arn as string }
  if (p.role_session_name !== undefined) args.RoleSessionName = p.role_session_name
  if (p.external_id !== undefined) args.ExternalId = p.external_id
  if (p.mfa_serial !== undefined) args.SerialNumber = p.mfa_serial
  const duration = p.duration_seconds === undefined ? undefined : pythonInt(p.duration_seconds)
  if (duration !== undefined) args.DurationSeconds = duration
  return sha1(pythonJsonDumps(args))
}

// AssumeRoleWithWebIdentityProvider: only the role and the session name
const webIdentityKey = (p: Settings, env: Env): string | undefined => {
  if (!p.role_arn) return undefined
  const args: Record<string, PyJsonValue> = { RoleArn: p.role_arn }
  const sessionName = env.AWS_ROLE_SESSION_NAME ?? p.role_session_name
  if (sessionName !== undefined) args.RoleSessionName = sessionName
  return sha1(pythonJsonDumps(args))
}

// SSOCredentialFetcher._create_cache_key
const ssoKey = (p: Settings, ssoSessions: Map<string, Settings>): string | undefined => {
  const session = p.sso_session
  const accountId = p.sso_account_id
  const roleName = p.sso_role_name
  if (accountId === undefined || roleName === undefined) return undefined
  // botocore tests the name for truth: an empty sso_session means the legacy key
  if (session) {
    if (!ssoSessions.has(session)) return undefined
    return sha1(pythonJsonDumps({ accountId, roleName, sessionName: session }, true))
  }
  if (p.sso_start_url === undefined) return undefined
  return sha1(pythonJsonDumps({ accountId, roleName, startUrl: p.sso_start_url }, true))
}

/**
 * The cache key the AWS CLI uses for a profile's role session, in the order
 * of botocore's credential chain (assume-role, web identity, SSO); undefined
 * for a profile that never has a cached session (static keys, say).
 */
export const cacheKeyForProfile = (
  profile: Settings,
  ssoSessions: Map<string, Settings>,
  env: Env,
): ProfileKey | undefined => {
  if (profile.role_arn !== undefined && profile.web_identity_token_file === undefined) {
    const key = assumeRoleKey(profile)
    return key ? { key, type: 'assume-role' } : undefined
  }
  if (profile.role_arn !== undefined) {
    const key = webIdentityKey(profile, env)
    return key ? { key, type: 'assume-role' } : undefined
  }
  const key = ssoKey(profile, ssoSessions)
  return key ? { key, type: 'sso' } : undefined
}
