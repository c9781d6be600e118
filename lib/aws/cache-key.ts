import { sha1Hex } from './digests.js'
import { pythonJsonDumps, type PyJsonValue } from './python-json.js'

export type SessionType = 'assume-role' | 'sso'

export interface ProfileKey {
  /** the cache entry's file name, without ".json" */
  key: string
  type: SessionType
}

/** What the AssumeRole (or AssumeRoleWithWebIdentity) call is made with, as far as the key goes. */
export interface RoleCall {
  RoleArn: string
  RoleSessionName?: string | undefined
  ExternalId?: string | undefined
  SerialNumber?: string | undefined
  DurationSeconds?: bigint | undefined
}

/**
 * BaseAssumeRoleCredentialFetcher._create_cache_key: json.dumps(sort_keys=True)
 * of the call's arguments. A session name that is not there or empty (a truth
 * test) is made up (botocore-session-<epoch>) and left out of the key.
 */
export const roleCacheKey = (call: RoleCall): string => {
  const args: Record<string, PyJsonValue> = { RoleArn: call.RoleArn }
  if (call.RoleSessionName) args.RoleSessionName = call.RoleSessionName
  if (call.ExternalId !== undefined) args.ExternalId = call.ExternalId
  if (call.SerialNumber !== undefined) args.SerialNumber = call.SerialNumber
  if (call.DurationSeconds !== undefined) args.DurationSeconds = call.DurationSeconds
  return sha1Hex(pythonJsonDumps(args))
}

/**
 * SSOCredentialFetcher._create_cache_key: compact json.dumps; the session
 * name when it is a true value, else the start URL.
 */
export const ssoCacheKey = (
  accountId: string,
  roleName: string,
  sessionName: string | undefined,
  startUrl: string,
): string =>
  sha1Hex(pythonJsonDumps(sessionName ? { accountId, roleName, sessionName } : { accountId, roleName, startUrl }, true))
