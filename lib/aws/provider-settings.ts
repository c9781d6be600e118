// Presence tests on a profile's settings, as botocore's credential providers
// make them (an option set to an empty value is still set).
import type { Settings } from './profiles.js'

export const has = (s: Settings, name: string): boolean => s[name] !== undefined

// AssumeRoleProvider._has_assume_role_config_vars
export const hasAssumeRoleVars = (s: Settings): boolean => has(s, 'role_arn') && !has(s, 'web_identity_token_file')

// AssumeRoleProvider._has_static_credentials
export const hasStaticCredentials = (s: Settings): boolean =>
  has(s, 'aws_access_key_id') || has(s, 'aws_secret_access_key')
