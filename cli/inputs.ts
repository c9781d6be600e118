import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { AwscacheError, EXIT } from '../lib/errors.js'
import { awsPaths, type AwsPaths } from '../lib/aws/paths.js'
import type { CacheInputs } from '../lib/sessions/sessions.js'

export interface GlobalArgs {
  cacheDir?: string | undefined
  color?: boolean | undefined
}

export const home = (): string => {
  if (process.env.HOME) return process.env.HOME
  try {
    return homedir()
  } catch {
    return '/'
  }
}

// A relative cache folder is taken from the current folder, once, here: one
// that has been deleted can say so in words.
const absolute = (paths: AwsPaths): AwsPaths => {
  const { cacheDir, loginCacheDir } = paths
  if (isAbsolute(cacheDir) && (loginCacheDir === undefined || isAbsolute(loginCacheDir))) return paths
  try {
    return {
      ...paths,
      cacheDir: resolve(cacheDir),
      loginCacheDir: loginCacheDir === undefined ? undefined : resolve(loginCacheDir),
    }
  } catch {
    throw new AwscacheError(
      `the cache folder "${paths.cacheDir}" is relative, and the current folder no longer exists: give its absolute path`,
      EXIT.error,
    )
  }
}

/** What the library needs from this process: where files are, the environment, the time. */
export const cacheInputs = (argv: GlobalArgs): CacheInputs => ({
  paths: absolute(awsPaths({ env: process.env, home: home(), cacheDir: argv.cacheDir })),
  env: process.env,
  now: Date.now(),
})

// isatty, not process.stdout.isTTY: setting that stream up costs start-up
// time, and makes a pipe non-blocking for every process that shares it.
// --color and --no-color decide; without them, a terminal that can show colour and wants it
const colorOn = async (argv: GlobalArgs, fd: number): Promise<boolean> =>
  argv.color ?? (!process.env.NO_COLOR && process.env.TERM !== 'dumb' && (await import('node:tty')).isatty(fd))

export const useColor = (argv: GlobalArgs): Promise<boolean> => colorOn(argv, 1)

/** For messages on stderr, which stays a terminal when stdout is captured by $(…). */
export const useColorOnStderr = (argv: GlobalArgs): Promise<boolean> => colorOn(argv, 2)
