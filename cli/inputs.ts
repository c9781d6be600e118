import { homedir } from 'node:os'
import { awsPaths } from '../lib/paths.js'
import type { CacheInputs } from '../lib/sessions.js'

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

/** What the library needs from this process: where files are, the environment, the time. */
export const cacheInputs = (argv: GlobalArgs): CacheInputs => ({
  paths: awsPaths({ env: process.env, home: home(), cacheDir: argv.cacheDir }),
  env: process.env,
  now: Date.now(),
})

const colorOn = (argv: GlobalArgs, stream: NodeJS.WriteStream): boolean =>
  argv.color !== false && stream.isTTY === true && !process.env.NO_COLOR

export const useColor = (argv: GlobalArgs): boolean => colorOn(argv, process.stdout)

/** For messages on stderr, which stays a terminal when stdout is captured by $(…). */
export const useColorOnStderr = (argv: GlobalArgs): boolean => colorOn(argv, process.stderr)
