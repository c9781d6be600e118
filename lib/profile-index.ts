import { cacheKeyForProfile, type ProfileKey } from './cache-key.js'
import type { Env } from './paths.js'
import type { AwsConfig } from './profiles.js'

export interface ProfileIndex {
  /** every profile, with its cache key when it can have a cached session */
  keyOfProfile: Map<string, ProfileKey | undefined>
  /** cache key -> the profiles that share it, sorted */
  profilesOfKey: Map<string, string[]>
}

export const indexProfiles = (config: AwsConfig, env: Env): ProfileIndex => {
  const keyOfProfile = new Map<string, ProfileKey | undefined>()
  const profilesOfKey = new Map<string, string[]>()
  for (const [name, settings] of config.profiles) {
    const key = cacheKeyForProfile(settings, config.ssoSessions, env)
    keyOfProfile.set(name, key)
    if (!key) continue
    const names = profilesOfKey.get(key.key)
    if (names) names.push(name)
    else profilesOfKey.set(key.key, [name])
  }
  for (const names of profilesOfKey.values()) names.sort()
  return { keyOfProfile, profilesOfKey }
}
