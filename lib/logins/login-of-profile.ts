// Which login a profile's credentials come from: its own SSO settings or
// login_session, or, for a role profile, those of the profile at the end of
// its source_profile chain. Decided in the order of botocore's chains
// (AssumeRoleProvider first; then, in ProfileProviderBuilder's order, web
// identity, SSO, the credentials file's keys, login).
import { MAX_CHAIN_LENGTH } from '../aws/profile-resolution.js'
import type { AwsConfig, Settings } from '../aws/profiles.js'
import { loginCacheKey } from './login-cache.js'
import { ssoTokenKey } from './sso-cache.js'
import { has, hasAssumeRoleVars, hasStaticCredentials } from '../aws/provider-settings.js'

export type LoginKind = 'sso' | 'console'

export interface LoginRef {
  kind: LoginKind
  /** the file's name without ".json", in the SSO folder or the login folder */
  id: string
  /** the [sso-session] name, a legacy start URL, or the login ARN */
  name: string
  /** sso: an [sso-session] login (which the CLI renews), not a legacy one */
  viaSsoSession: boolean
  startUrl: string | null
  region: string | null
  /** the profile whose settings name the login: the one to log in again with */
  loginProfile: string
}

/** One key per login, whichever folder it lives in. */
export const loginRefKey = (ref: Pick<LoginRef, 'kind' | 'id'>): string => `${ref.kind}:${ref.id}`

// the providers of the profile itself, once no role is assumed
const ownLogin = (config: AwsConfig, name: string, p: Settings): LoginRef | undefined => {
  if (p.web_identity_token_file) return undefined
  const sessionName = p.sso_session
  if (sessionName !== undefined) {
    const session = config.ssoSessions.get(sessionName)
    return {
      kind: 'sso',
      id: ssoTokenKey(sessionName),
      name: sessionName,
      viaSsoSession: true,
      startUrl: session?.sso_start_url ?? null,
      region: session?.sso_region ?? null,
      loginProfile: name,
    }
  }
  const startUrl = p.sso_start_url
  if (startUrl !== undefined) {
    return {
      kind: 'sso',
      id: ssoTokenKey(startUrl),
      name: startUrl,
      viaSsoSession: false,
      startUrl,
      region: p.sso_region ?? null,
      loginProfile: name,
    }
  }
  // the credentials file's keys come before login (a config file's after it)
  if (config.credentialsFileKeys.has(name)) return undefined
  const loginArn = p.login_session
  if (loginArn) {
    return {
      kind: 'console',
      id: loginCacheKey(loginArn),
      name: loginArn,
      viaSsoSession: false,
      startUrl: null,
      region: p.region ?? null,
      loginProfile: name,
    }
  }
  return undefined
}

/** The login profile `name` depends on; undefined when it uses none (or its chain is broken). */
export const loginOfProfile = (config: AwsConfig, name: string): LoginRef | undefined => {
  let p = config.profiles.get(name)
  let current = name
  for (let steps = 0; p !== undefined; steps++) {
    // a role profile's credentials come from its source_profile (a credential_source is no login)
    if (!hasAssumeRoleVars(p)) return ownLogin(config, current, p)
    const source = p.source_profile
    if (source === undefined || p.credential_source !== undefined || steps > MAX_CHAIN_LENGTH) return undefined
    const next = config.profiles.get(source)
    if (next === undefined) return undefined
    // _resolve_credentials_from_profile: static keys, or no role, end the chain (a self-loop with keys too)
    if (hasStaticCredentials(next) || !hasAssumeRoleVars(next)) return ownLogin(config, source, next)
    current = source
    p = next
  }
  return undefined
}

/** Every login some profile depends on, with those profiles (sorted). */
export const profilesByLogin = (config: AwsConfig): Map<string, { ref: LoginRef; profiles: string[] }> => {
  const found = new Map<string, { ref: LoginRef; profiles: string[] }>()
  for (const name of config.profiles.keys()) {
    const ref = loginOfProfile(config, name)
    if (ref === undefined) continue
    const key = loginRefKey(ref)
    const known = found.get(key)
    if (known) known.profiles.push(name)
    // the login's own profile (not a role profile chained from it) names it
    else found.set(key, { ref, profiles: [name] })
    if (known && ref.loginProfile === name) known.ref = ref
  }
  for (const entry of found.values()) entry.profiles.sort()
  return found
}
