import { existsSync } from 'node:fs'
import { expandUser, expandVars, type Env } from '../aws/paths.js'

// What `unset` takes by default: the session and which profile is in use,
// as the original clearing script, the AWS CLI, session tools and awscache
// itself set them. Machine settings (AWS_CA_BUNDLE, AWS_ENDPOINT_URL*,
// AWS_METADATA_SERVICE_*, AWS_EC2_METADATA_*, AWS_DEFAULT_OUTPUT and the
// like) are no session: unsetting AWS_CA_BUNDLE breaks every call behind a
// TLS-inspecting proxy. They go only with --all.
export const SESSION_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_PROFILE_IDENT',
  'AWS_SESSION_IDENT',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_SESSION_TYPE',
  'AWS_SESSION_EXPIRY',
  'AWS_SESSION_EXPIRATION',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_ACCOUNT_ID',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWSCACHE_PROFILE',
  'AWSCACHE_EXPIRES',
] as const

/** Kept while the file they name exists: unsetting them would switch the user to other files. */
export const FILE_VARIABLES = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const

export const SECRET_VARIABLES = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN'])

/** Only names that every shell can carry are ever printed into code. */
export const isSafeName = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)

export interface UnsetPlan {
  /** variables to unset, in a stable order */
  unset: string[]
  /** AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE left in place: the file exists */
  kept: { name: string; path: string }[]
  /** without --all: the other AWS_* variables, left in place (machine settings and the like) */
  left: string[]
}

const isSession = (name: string): boolean => (SESSION_VARIABLES as readonly string[]).includes(name)
const isFile = (name: string): boolean => (FILE_VARIABLES as readonly string[]).includes(name)

/**
 * Which AWS variables of `env` to unset: the session ones, or with `all`
 * every AWS_* variable (and awscache's own markers).
 */
export const planUnset = (env: Env, home: string, all: boolean): UnsetPlan => {
  const present = Object.keys(env)
    .filter(n => env[n] !== undefined && (n.startsWith('AWS_') || isSession(n)) && isSafeName(n))
    .sort()
  const names = all ? present : SESSION_VARIABLES.filter(n => env[n] !== undefined)
  const kept: UnsetPlan['kept'] = []
  const unset: string[] = []
  for (const name of names) {
    if (isFile(name)) continue
    unset.push(name)
  }
  for (const name of FILE_VARIABLES) {
    const path = env[name]
    if (path === undefined) continue
    // the AWS CLI expands $VAR and ~ in these, so the check does too
    if (path !== '' && existsSync(expandUser(expandVars(path, env), home))) kept.push({ name, path })
    else unset.push(name)
  }
  const left = present.filter(n => !unset.includes(n) && !isFile(n))
  return { unset, kept, left }
}

// `unset --all` shows every AWS_* variable: some hold credentials that are
// not in SECRET_VARIABLES (AWS_CONTAINER_AUTHORIZATION_TOKEN,
// AWS_BEARER_TOKEN_BEDROCK, a user's own AWS_SECRET_ACCESS_KEY_OLD). Any name
// that sounds secret is masked; a *_FILE variable names a path, not a secret.
const SECRET_SOUNDING = /SECRET|TOKEN|PASSWORD|PASSPHRASE|BEARER|AUTHORIZATION|PRIVATE|CREDENTIALS?$/

export const isSecretName = (name: string): boolean =>
  SECRET_VARIABLES.has(name) || (SECRET_SOUNDING.test(name.toUpperCase()) && !/_FILE$/i.test(name))

/** A value as it may be shown: secrets never, other values in full. */
export const maskedValue = (name: string, value: string): string =>
  isSecretName(name) ? `(hidden, ${value.length} characters)` : value
