import { join } from 'node:path'
import { AwscacheError, EXIT } from '../errors.js'
import { loginCacheDir } from '../logins/login-cache.js'

export type Env = Record<string, string | undefined>

// os.path.expandvars: $NAME and ${NAME}; unknown names stay as written
export const expandVars = (path: string, env: Env): string =>
  path.replace(/\$(\w+|\{([^}]*)\})/g, (whole, bare: string, braced?: string) => {
    const value = env[braced ?? bare]
    return value === undefined ? whole : value
  })

// os.path.expanduser for "~" and "~/..."; "~user" is left alone
export const expandUser = (path: string, home: string): string =>
  path === '~' || path.startsWith('~/') ? home + path.slice(1) : path

export interface AwsPaths {
  cacheDir: string
  configFile: string
  credentialsFile: string
  /** the `aws login` session folder ($AWS_LOGIN_CACHE_DIRECTORY); left out, no login is read */
  loginCacheDir?: string | undefined
}

export interface PathInputs {
  env: Env
  home: string
  /** --cache-dir, when given */
  cacheDir?: string | undefined
}

/**
 * Where the AWS CLI keeps its config, credentials and role-session cache.
 *
 * An empty cache folder name would resolve to the current folder, whose
 * *.json files (package.json…) clear and prune would then remove: an empty
 * --cache-dir is a usage error, an empty AWSCACHE_CACHE_DIR counts as unset.
 */
export const awsPaths = ({ env, home, cacheDir }: PathInputs): AwsPaths => {
  const fromEnv = (name: string, fallback: string): string => expandUser(expandVars(env[name] ?? fallback, env), home)
  if (cacheDir !== undefined && cacheDir.trim() === '') {
    throw new AwscacheError('--cache-dir is empty: give the cache folder, or leave the option out', EXIT.usage)
  }
  return {
    cacheDir:
      cacheDir ??
      (env.AWSCACHE_CACHE_DIR?.trim() ? env.AWSCACHE_CACHE_DIR : undefined) ??
      join(home, '.aws', 'cli', 'cache'),
    configFile: fromEnv('AWS_CONFIG_FILE', '~/.aws/config'),
    credentialsFile: fromEnv('AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials'),
    loginCacheDir: loginCacheDir(env, home),
  }
}
