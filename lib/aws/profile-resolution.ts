// Which cached session a profile uses, decided the way botocore's credential
// chain decides it (credentials.py): the assume-role provider, then web
// identity, then SSO; the rest (static keys, credential_process…) caches
// nothing, except an `aws login` session (login_session), whose file is
// the credentials themselves. A profile the AWS CLI refuses gets a refusal, never a key: a twin
// with the same role settings may have an entry, and handing that out would
// give a profile a session the CLI itself cannot use.
import { isSecretName } from '../output/aws-variables.js'
import { loginCacheKey } from '../logins/login-cache.js'
import { cacheKeyOf, roleCacheKeyText, ssoCacheKeyText, type SessionType } from './cache-key.js'
import type { Env } from './paths.js'
import type { Settings } from './profiles.js'
import { pythonInt } from './python-int.js'
import { has, hasAssumeRoleVars, hasStaticCredentials } from './provider-settings.js'

export type Resolution =
  /**
   * the entry (or entries: see combine) the CLI keeps the profile's session
   * in, by the JSON texts their names are the SHA-1 of (cacheKeysOf)
   */
  | { kind: 'session'; type: SessionType; keyTexts: string[]; settings: Settings }
  /**
   * an `aws login` session: its file in the login cache folder
   * (loginCacheKey(loginArn).json) holds the profile's credentials
   */
  | { kind: 'login'; loginArn: string; settings: Settings }
  /** the CLI caches nothing for it (static keys, credential_process, no credentials) */
  | { kind: 'none'; reason: string }
  /** the CLI refuses the profile: reason in the CLI's terms, one line */
  | { kind: 'refused'; reason: string }

export interface ProfileSources {
  profiles: Map<string, Settings>
  ssoSessions: Map<string, Settings>
  /** profiles whose credentials-file section has aws_access_key_id (none when left out) */
  credentialsFileKeys?: Set<string>
}

const refused = (reason: string): Resolution => ({ kind: 'refused', reason })
const quoted = (value: string): string => JSON.stringify(value)
// settings are prototype-free records: an option named __proto__ is just an option
const copyOf = (s: Settings): Settings => Object.assign(Object.create(null) as Settings, s)

// botocore's providers answer "not mine" (skip), a session, or raise (refused)
type Step = Resolution | 'skip'

// ---------------------------------------------------------------- assume role

const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer']

const inProfile = (name: string, top: string): string =>
  name === top ? '' : ` (in profile ${quoted(name)}, a source profile of ${quoted(top)})`

// botocore walks the chain by recursion, and Python's stack ends it: the AWS CLI 2.9.19
// resolves 130 chained roles and fails ("maximum recursion depth exceeded") from about
// 135 (measured); a longer chain is one the CLI cannot use either. The bound also keeps a
// config of thousands of chained profiles linear to index.
export const MAX_CHAIN_LENGTH = 130

/**
 * _get_role_config and _resolve_source_credentials for `top`, which botocore
 * validates down the whole source_profile chain before any call is made.
 * Undefined when the chain is valid.
 */
const roleChainRefusal = (src: ProfileSources, top: string): string | undefined => {
  const visited = [top]
  const seen = new Set(visited)
  for (let name = top; ;) {
    const p = src.profiles.get(name) as Settings
    const source = p.source_profile
    const credentialSource = p.credential_source
    // only for a refusal: a long chain of profiles would build it for every step
    const where = (): string => inProfile(name, top)
    if (source !== undefined && credentialSource !== undefined)
      return `both source_profile and credential_source are set${where()}`
    if (source === undefined && credentialSource === undefined)
      return `role_arn without source_profile or credential_source${where()}`
    if (credentialSource !== undefined) {
      // CanonicalNameCredentialSourcer.is_supported: an exact match
      return CREDENTIAL_SOURCES.includes(credentialSource)
        ? undefined
        : `credential_source ${quoted(credentialSource)} is not one of ${CREDENTIAL_SOURCES.join(', ')}${where()}`
    }
    const sourceName = source as string
    // _validate_source_profile
    const sourceProfile = src.profiles.get(sourceName)
    if (!sourceProfile) return `source_profile ${quoted(sourceName)} is not a profile${where()}`
    if (seen.has(sourceName) && (sourceName !== name || !hasStaticCredentials(sourceProfile))) {
      return `source_profile chain loops: ${[...visited, sourceName].map(quoted).join(' -> ')}`
    }
    if (visited.length > MAX_CHAIN_LENGTH) return `source_profile chain is longer than ${MAX_CHAIN_LENGTH} roles`
    visited.push(sourceName)
    seen.add(sourceName)
    // _resolve_credentials_from_profile: static keys win over a role
    if (hasStaticCredentials(sourceProfile) || !hasAssumeRoleVars(sourceProfile)) {
      return sourceCredentialsRefusal(src, sourceName, top)
    }
    name = sourceName
  }
}

// The source profile's own providers (environment variables disabled): its
// web identity or SSO settings must hold. One without any credentials is
// refused too ("must have credentials"), but not here: which settings give
// credentials grows with the CLI (login_session, in newer versions), and
// refusing a profile a newer CLI uses would hide its session.
const sourceCredentialsRefusal = (src: ProfileSources, name: string, top: string): string | undefined => {
  const p = src.profiles.get(name) as Settings
  for (const step of [webIdentityStep(p, undefined), ssoStep(src, name, p)]) {
    if (step === 'skip') continue
    return step.kind === 'refused' ? `${step.reason}${inProfile(name, top)}` : undefined
  }
  return undefined
}

// AssumeRoleProvider._load_creds_via_assume_role
const assumeRoleStep = (src: ProfileSources, name: string, p: Settings): Step => {
  if (!hasAssumeRoleVars(p)) return 'skip'
  const reason = roleChainRefusal(src, name)
  if (reason !== undefined) return refused(reason)
  const keyText = roleCacheKeyText({
    RoleArn: p.role_arn as string,
    RoleSessionName: p.role_session_name,
    ExternalId: p.external_id,
    SerialNumber: p.mfa_serial,
    // int() that fails leaves DurationSeconds out
    DurationSeconds: p.duration_seconds === undefined ? undefined : pythonInt(p.duration_seconds),
  })
  return { kind: 'session', type: 'assume-role', keyTexts: [keyText], settings: p }
}

// ---------------------------------------------------------------- web identity

const WEB_IDENTITY_VARIABLES: Record<string, string> = {
  web_identity_token_file: 'AWS_WEB_IDENTITY_TOKEN_FILE',
  role_session_name: 'AWS_ROLE_SESSION_NAME',
  role_arn: 'AWS_ROLE_ARN',
}

/**
 * AssumeRoleWithWebIdentityProvider. `env` is undefined where botocore
 * disables environment variables: for a profile given with --profile, and for
 * a source profile. A variable that is set wins, even when empty.
 */
const webIdentityStep = (p: Settings, env: Env | undefined): Step => {
  const get = (name: string): string | undefined => env?.[WEB_IDENTITY_VARIABLES[name] as string] ?? p[name]
  // truth tests: an empty token file or role is none
  if (!get('web_identity_token_file')) return 'skip'
  const roleArn = get('role_arn')
  if (!roleArn) return refused('web_identity_token_file is set but role_arn is not')
  const keyText = roleCacheKeyText({ RoleArn: roleArn, RoleSessionName: get('role_session_name') })
  return {
    kind: 'session',
    type: 'assume-role',
    keyTexts: [keyText],
    settings: Object.assign(copyOf(p), { role_arn: roleArn }),
  }
}

// ---------------------------------------------------------------- SSO

const SSO_REQUIRED = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region']
const SSO_SESSION_REQUIRED = ['sso_start_url', 'sso_region']

// SSOProvider._load_sso_config and _resolve_sso_session_reference, and the
// token provider's check of the [sso-session] section it reads the token by
const ssoStep = (src: ProfileSources, name: string, p: Settings): Step => {
  if (!has(p, 'sso_role_name') && !has(p, 'sso_account_id')) return 'skip'
  const sessionName = p.sso_session
  let merged: Settings = p
  if (sessionName !== undefined) {
    const session = src.ssoSessions.get(sessionName)
    if (!session) return refused(`sso_session ${quoted(sessionName)} names no [sso-session] section`)
    merged = copyOf(p)
    for (const [option, value] of Object.entries(session)) {
      const own = p[option]
      if (own !== undefined && own !== value) {
        // values are shown, unless the option sounds secret
        const both = isSecretName(option) ? 'differs' : `is ${quoted(own)} in the profile but ${quoted(value)}`
        return refused(`${option} ${both} in [sso-session ${quoted(sessionName)}]`)
      }
      merged[option] = value
    }
    const sessionMissing = SSO_SESSION_REQUIRED.filter(option => !has(session, option))
    if (sessionMissing.length) return refused(`[sso-session ${quoted(sessionName)}] lacks ${sessionMissing.join(', ')}`)
  }
  const missing = SSO_REQUIRED.filter(option => !has(merged, option))
  if (missing.length) return refused(`profile ${quoted(name)} uses SSO but lacks ${missing.join(', ')}`)
  const keyText = ssoCacheKeyText(
    merged.sso_account_id as string,
    merged.sso_role_name as string,
    sessionName,
    merged.sso_start_url as string,
  )
  return { kind: 'session', type: 'sso', keyTexts: [keyText], settings: merged }
}

// ---------------------------------------------------------------- static keys, aws login

// SharedCredentialProvider: keys in the credentials file (a presence test)
// come before a login; keys in the config file come after it (ConfigProvider)
const sharedCredentialsStep = (src: ProfileSources, name: string): Step => {
  if (!src.credentialsFileKeys?.has(name)) return 'skip'
  return { kind: 'none', reason: 'it assumes no role and uses the static keys in the credentials file' }
}

// LoginProvider: `'login_session' in profile_config`, a presence test
const loginStep = (p: Settings): Step => {
  const loginArn = p.login_session
  if (loginArn === undefined) return 'skip'
  return { kind: 'login', loginArn, settings: p }
}

// ---------------------------------------------------------------- the chain

const chain = (src: ProfileSources, name: string, p: Settings, env: Env | undefined): Resolution => {
  const steps = [
    () => assumeRoleStep(src, name, p),
    () => webIdentityStep(p, env),
    () => ssoStep(src, name, p),
    () => sharedCredentialsStep(src, name),
    () => loginStep(p),
  ]
  for (const step of steps) {
    const result = step()
    if (result !== 'skip') return result
  }
  if (has(p, 'role_arn') && has(p, 'web_identity_token_file')) {
    return { kind: 'none', reason: 'its web_identity_token_file is empty, so the AWS CLI assumes no role for it' }
  }
  return { kind: 'none', reason: 'it assumes no role and uses neither SSO nor an aws login session' }
}

/** The profile the AWS CLI uses when none is given with --profile. */
export const profileInUse = (env: Env): string => (env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE) || 'default'

// Either way of calling the CLI can have written an entry: both belong to the
// profile. A session either way is a session, then a login (which the
// environment never changes); refused only if refused both ways.
const combine = (withProfile: Resolution, inUse: Resolution): Resolution => {
  if (withProfile.kind === 'session' && inUse.kind === 'session') {
    const keyTexts = [...withProfile.keyTexts, ...inUse.keyTexts.filter(k => !withProfile.keyTexts.includes(k))]
    return { ...withProfile, keyTexts }
  }
  if (withProfile.kind === 'session') return withProfile
  if (inUse.kind === 'session') return inUse
  if (withProfile.kind === 'login') return withProfile
  return withProfile.kind === 'refused' ? withProfile : inUse
}

/**
 * How the AWS CLI resolves profile `name`. With --profile it reads no
 * web-identity environment variables; the profile in use (AWS_PROFILE, else
 * default) also resolves with them, as a plain `aws …` call does.
 */
export const resolveProfile = (src: ProfileSources, name: string, env: Env): Resolution => {
  const p = src.profiles.get(name) ?? (Object.create(null) as Settings)
  const withProfile = chain(src, name, p, undefined)
  return name === profileInUse(env) ? combine(withProfile, chain(src, name, p, env)) : withProfile
}

/** The cache entries (file names without ".json") a session resolution names, in its order. */
export const cacheKeysOf = (resolution: Extract<Resolution, { kind: 'session' }>): string[] =>
  resolution.keyTexts.map(cacheKeyOf)

/** The login cache file name (without ".json") of a login resolution. */
export const loginKeyOf = (resolution: Extract<Resolution, { kind: 'login' }>): string =>
  loginCacheKey(resolution.loginArn)
