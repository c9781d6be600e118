import { sha1Hex } from './digests.js'
import { pythonJsonDumps, type PyJsonValue } from './python-json.js'

export type SessionType = 'assume-role' | 'sso'

/** What the AssumeRole (or AssumeRoleWithWebIdentity) call is made with, as far as the key goes. */
export interface RoleCall {
  RoleArn: string
  RoleSessionName?: string | undefined
  ExternalId?: string | undefined
  SerialNumber?: string | undefined
  DurationSeconds?: bigint | undefined
}

// A cache key is the SHA-1 of a JSON text; profiles are matched by the text,
// and only the keys a command looks up are hashed (cacheKeyOf).

/**
 * BaseAssumeRoleCredentialFetcher._create_cache_key: json.dumps(sort_keys=True)
 * of the call's arguments. A session name that is not there or empty (a truth
 * test) is made up (botocore-session-<epoch>) and left out of the key.
 */
export const roleCacheKeyText = (call: RoleCall): string => {
  // set in sorted order, which pythonJsonDumps then need not sort
  const args: Record<string, PyJsonValue> = {}
  if (call.DurationSeconds !== undefined) args.DurationSeconds = call.DurationSeconds
  if (call.ExternalId !== undefined) args.ExternalId = call.ExternalId
  args.RoleArn = call.RoleArn
  if (call.RoleSessionName) args.RoleSessionName = call.RoleSessionName
  if (call.SerialNumber !== undefined) args.SerialNumber = call.SerialNumber
  return pythonJsonDumps(args)
}

/**
 * SSOCredentialFetcher._create_cache_key: compact json.dumps; the session
 * name when it is a true value, else the start URL.
 */
export const ssoCacheKeyText = (
  accountId: string,
  roleName: string,
  sessionName: string | undefined,
  startUrl: string,
): string =>
  pythonJsonDumps(sessionName ? { accountId, roleName, sessionName } : { accountId, roleName, startUrl }, true)

/** The cache entry's file name (without ".json") for a key text. */
export const cacheKeyOf = (keyText: string): string => sha1Hex(keyText)

export const ssoCacheKey = (...args: Parameters<typeof ssoCacheKeyText>): string => cacheKeyOf(ssoCacheKeyText(...args))
