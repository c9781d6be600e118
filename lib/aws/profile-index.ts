import type { Env } from './paths.js'
import { profileInUse, resolveProfile, type Resolution } from './profile-resolution.js'
import type { AwsConfig } from './profiles.js'

export interface ProfileIndex {
  /** every profile (and an unconfigured default in use with a session), as the AWS CLI resolves it */
  resolutions: Map<string, Resolution>
  /** cache key -> the profiles whose session it holds, sorted; refused profiles never */
  profilesOfKey: Map<string, string[]>
}

export const indexProfiles = (config: AwsConfig, env: Env): ProfileIndex => {
  const resolutions = new Map<string, Resolution>()
  const profilesOfKey = new Map<string, string[]>()
  const add = (name: string, resolution: Resolution): void => {
    resolutions.set(name, resolution)
    if (resolution.kind !== 'session') return
    for (const key of resolution.keys) {
      const names = profilesOfKey.get(key)
      if (names) names.push(name)
      else profilesOfKey.set(key, [name])
    }
  }
  for (const name of config.profiles.keys()) add(name, resolveProfile(config, name, env))
  // web identity from the environment alone (EKS/IRSA) needs no [default]
  const inUse = profileInUse(env)
  if (inUse === 'default' && !config.profiles.has(inUse)) {
    const resolution = resolveProfile(config, inUse, env)
    if (resolution.kind === 'session') add(inUse, resolution)
  }
  for (const names of profilesOfKey.values()) names.sort()
  return { resolutions, profilesOfKey }
}
