import { join } from 'node:path'

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
}

export interface PathInputs {
  env: Env
  home: string
  /** --cache-dir, when given */
  cacheDir?: string | undefined
}

/** Where the AWS CLI keeps its config, credentials and role-session cache. */
export const awsPaths = ({ env, home, cacheDir }: PathInputs): AwsPaths => {
  const fromEnv = (name: string, fallback: string): string =>
    expandUser(expandVars(env[name] ?? fallback, env), home)
  return {
    cacheDir: cacheDir ?? env.AWSCACHE_CACHE_DIR ?? join(home, '.aws', 'cli', 'cache'),
    configFile: fromEnv('AWS_CONFIG_FILE', '~/.aws/config'),
    credentialsFile: fromEnv('AWS_SHARED_CREDENTIALS_FILE', '~/.aws/credentials'),
  }
}
