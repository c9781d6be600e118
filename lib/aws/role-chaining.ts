// Whether a role session was made with another role's credentials ("role
// chaining"): the console's sign-in endpoint refuses a SessionDuration for
// such a session, so awscache says so before asking. Decided from the
// profile's settings, as botocore resolves the source credentials
// (AssumeRoleProvider._resolve_source_credentials and
// _resolve_credentials_from_profile, credentials.py).
import type { Settings } from './profiles.js'
import { has, hasAssumeRoleVars, hasStaticCredentials } from './provider-settings.js'

// the credential sources that hand out a role's credentials (an instance or task role)
const ROLE_SOURCES = ['Ec2InstanceMetadata', 'EcsContainer']

// what the source profile's credentials are: another role's (assumed, web
// identity, SSO), or a user's (static keys, credential_process)
const sourceIsRole = (source: Settings): boolean => {
  // without static keys, a role profile is assumed itself
  if (!hasStaticCredentials(source) && hasAssumeRoleVars(source)) return true
  // else the profile's own chain, in botocore's order: web identity, SSO, then keys or a process
  if (has(source, 'role_arn') && !!source.web_identity_token_file) return true
  return has(source, 'sso_role_name') || has(source, 'sso_account_id')
}

/**
 * True when the profile's session is a role assumed with role credentials.
 * False when it is not, or when that cannot be told from the files
 * (credential_source = Environment: whatever the environment held then).
 */
export const isRoleChained = (profiles: ReadonlyMap<string, Settings>, settings: Settings | undefined): boolean => {
  if (!settings || !hasAssumeRoleVars(settings)) return false
  const credentialSource = settings.credential_source
  if (credentialSource !== undefined) return ROLE_SOURCES.includes(credentialSource)
  const source = settings.source_profile === undefined ? undefined : profiles.get(settings.source_profile)
  return source !== undefined && sourceIsRole(source)
}
