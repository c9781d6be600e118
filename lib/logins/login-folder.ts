import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { AwsPaths } from '../aws/paths.js'

const sameFolder = (a: string, b: string): boolean => {
  if (resolve(a) === resolve(b)) return true
  try {
    const sa = statSync(a)
    const sb = statSync(b)
    return sa.dev === sb.dev && sa.ino === sb.ino
  } catch {
    // one of them does not exist (or cannot be looked at): not the same folder as far as anyone can tell
    return false
  }
}

/**
 * Why the role-session cache folder must not be cleared or pruned: it is the
 * `aws login` session folder (--cache-dir or AWSCACHE_CACHE_DIR pointed at it,
 * or $AWS_LOGIN_CACHE_DIRECTORY at the role cache), where removing a file is
 * a logout. Undefined when the folders differ.
 */
export const loginFolderClash = (paths: AwsPaths): string | undefined => {
  const loginDir = paths.loginCacheDir
  if (loginDir === undefined || !sameFolder(paths.cacheDir, loginDir)) return undefined
  return `the cache folder ${paths.cacheDir} is the aws login session folder: awscache removes role sessions only, and removing an aws login file is a logout (aws logout does that)`
}
