import type { Env } from './paths.js'
import { profileInUse, resolveProfile, type Resolution } from './profile-resolution.js'
import type { AwsConfig } from './profiles.js'

export interface ProfileIndex {
  /** every profile (and an unconfigured default in use with a session), as the AWS CLI resolves it */
  resolutions: Map<string, Resolution>
  /** cache key -> the profiles whose session it holds, sorted; refused profiles never */
  profilesOfKey: Map<string, string[]>
  /** login cache key (SHA-256 of a login ARN) -> the profiles whose login_session it is, sorted */
  profilesOfLogin: Map<string, string[]>
}

const addTo = (map: Map<string, string[]>, key: string, name: string): void => {
  const names = map.get(key)
  if (names) names.push(name)
  else map.set(key, [name])
}

export const indexProfiles = (config: AwsConfig, env: Env): ProfileIndex => {
  const resolutions = new Map<string, Resolution>()
  const profilesOfKey = new Map<string, string[]>()
  const profilesOfLogin = new Map<string, string[]>()
  const add = (name: string, resolution: Resolution): void => {
    resolutions.set(name, resolution)
    if (resolution.kind === 'login') addTo(profilesOfLogin, resolution.loginKey, name)
    if (resolution.kind !== 'session') return
    for (const key of resolution.keys) addTo(profilesOfKey, key, name)
  }
  for (const name of config.profiles.keys()) add(name, resolveProfile(config, name, env))
  // web identity from the environment alone (EKS/IRSA) needs no [default]
  const inUse = profileInUse(env)
  if (inUse === 'default' && !config.profiles.has(inUse)) {
    const resolution = resolveProfile(config, inUse, env)
    if (resolution.kind === 'session') add(inUse, resolution)
  }
  for (const names of profilesOfKey.values()) names.sort()
  for (const names of profilesOfLogin.values()) names.sort()
  return { resolutions, profilesOfKey, profilesOfLogin }
}
