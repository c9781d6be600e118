import { cacheKeyOf } from './cache-key.js'
import { loginCacheKey } from '../logins/login-cache.js'
import type { Env } from './paths.js'
import { profileInUse, resolveProfile, type Resolution } from './profile-resolution.js'
import type { AwsConfig } from './profiles.js'

// Profiles are matched to each other by the texts their keys are hashed
// from: a command that looks up one profile (env) hashes only that one's key,
// and a command that looks at every entry (list) hashes them all, once.

export interface ProfileIndex {
  /** every profile (and an unconfigured default in use with a session), as the AWS CLI resolves it */
  resolutions: Map<string, Resolution>
  /** key text -> the profiles whose session it names, sorted; refused profiles never */
  profilesOfKeyText: Map<string, string[]>
  /** login ARN -> the profiles whose login_session it is, sorted */
  profilesOfLoginArn: Map<string, string[]>
}

const addTo = (map: Map<string, string[]>, key: string, name: string): void => {
  const names = map.get(key)
  if (names) names.push(name)
  else map.set(key, [name])
}

export const indexProfiles = (config: AwsConfig, env: Env): ProfileIndex => {
  const resolutions = new Map<string, Resolution>()
  const profilesOfKeyText = new Map<string, string[]>()
  const profilesOfLoginArn = new Map<string, string[]>()
  const add = (name: string, resolution: Resolution): void => {
    resolutions.set(name, resolution)
    if (resolution.kind === 'login') addTo(profilesOfLoginArn, resolution.loginArn, name)
    if (resolution.kind !== 'session') return
    for (const text of resolution.keyTexts) addTo(profilesOfKeyText, text, name)
  }
  for (const name of config.profiles.keys()) add(name, resolveProfile(config, name, env))
  // web identity from the environment alone (EKS/IRSA) needs no [default]
  const inUse = profileInUse(env)
  if (inUse === 'default' && !config.profiles.has(inUse)) {
    const resolution = resolveProfile(config, inUse, env)
    if (resolution.kind === 'session') add(inUse, resolution)
  }
  for (const names of profilesOfKeyText.values()) names.sort()
  for (const names of profilesOfLoginArn.values()) names.sort()
  return { resolutions, profilesOfKeyText, profilesOfLoginArn }
}

const byDigest = (byText: Map<string, string[]>, digest: (text: string) => string): Map<string, string[]> => {
  const keyed = new Map<string, string[]>()
  for (const [text, names] of byText) keyed.set(digest(text), names)
  return keyed
}

const byKey = new WeakMap<ProfileIndex, Map<string, string[]>>()
const byLoginKey = new WeakMap<ProfileIndex, Map<string, string[]>>()

/** cache key -> the profiles whose session it holds, sorted; refused profiles never */
export const profilesByKey = (index: ProfileIndex): Map<string, string[]> => {
  let map = byKey.get(index)
  if (!map) byKey.set(index, (map = byDigest(index.profilesOfKeyText, cacheKeyOf)))
  return map
}

/** login cache key (SHA-256 of a login ARN) -> the profiles whose login_session it is, sorted */
export const profilesByLoginKey = (index: ProfileIndex): Map<string, string[]> => {
  let map = byLoginKey.get(index)
  if (!map) byLoginKey.set(index, (map = byDigest(index.profilesOfLoginArn, loginCacheKey)))
  return map
}

/**
 * The profiles whose session key `id` is, hashing as few key texts as it can:
 * first those `likely` picks (the role an entry names), then the rest. For a
 * command that describes one entry (status): usually one digest.
 */
export const profilesOfKey = (
  index: ProfileIndex,
  id: string,
  likely: (text: string) => boolean,
): string[] | undefined => {
  const texts = [...index.profilesOfKeyText.keys()]
  for (const text of [...texts.filter(likely), ...texts.filter(text => !likely(text))]) {
    if (cacheKeyOf(text) === id) return index.profilesOfKeyText.get(text)
  }
  return undefined
}
