import type { AwsPaths } from '../lib/aws/paths.js'
import { AwscacheError, EXIT } from '../lib/errors.js'
import { loginFolderClash } from '../lib/logins/login-folder.js'

/** clear, prune and rm: a usage error, before anything is read or removed, when the cache folder is the login folder. */
export const refuseLoginFolder = (paths: AwsPaths): void => {
  const clash = loginFolderClash(paths)
  if (clash !== undefined)
    throw new AwscacheError(clash, EXIT.usage, [
      'give --cache-dir (or AWSCACHE_CACHE_DIR) the role-session folder, ~/.aws/cli/cache',
    ])
}
