import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { makePrivate, tempFolder } from './temp.js'

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname
// the bin as installed: whatever package.json names (the bundle)
const PACKAGE = new URL('../../package.json', import.meta.url)
export const BIN = new URL(
  `../../${(JSON.parse(readFileSync(PACKAGE, 'utf8')) as { bin: { awscache: string } }).bin.awscache}`,
  import.meta.url,
).pathname

export const cacheDirOf = (home: string): string => join(home, '.aws', 'cli', 'cache')

/** Rewrites an entry's Expiration, keeping the spelling its CLI used (+00:00 or Z). */
export const setExpiration = (file: string, ms: number): void => {
  const text = readFileSync(file, 'utf8')
  // whole seconds, as the CLI writes them
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
  const next = text.replace(
    /"Expiration": "([^"]+)"/,
    (_, old: string) => `"Expiration": "${old.endsWith('+00:00') ? iso.replace('Z', '+00:00') : iso}"`,
  )
  writeFileSync(file, next)
}

/**
 * A HOME copied from a fixture written by the real AWS CLI, its sessions
 * made to expire `expiresInMs` from now (the originals expired on 2026-11-26).
 */
export const fixtureHome = (name: 'aws-cli-v1-home' | 'aws-cli-v2-home', expiresInMs = 3_600_000): string => {
  const home = tempFolder('awscache-home-')
  cpSync(join(FIXTURES, name), home, { recursive: true })
  // as the AWS CLI leaves them: a checkout's modes (0444, 0644) would draw permission warnings
  makePrivate(home)
  const cache = cacheDirOf(home)
  for (const f of readdirSync(cache)) setExpiration(join(cache, f), Date.now() + expiresInMs)
  return home
}

/**
 * The moment the newest AWS CLI v2 wrote the `aws-cli-v2-latest-home` fixture
 * (its `aws login` access key then had 13 minutes left, its SSO logins 8 hours,
 * the "stale" SSO login had expired and so had its client registration).
 */
export const LATEST_FIXTURE_NOW = Date.UTC(2026, 11, 2, 7, 57, 0)

const FIXTURE_TIME = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(UTC|Z|\+00:00)/g

/** Moves every time in `text` by `offsetMs` (whole seconds), keeping each one's spelling. */
export const shiftTimes = (text: string, offsetMs: number): string =>
  text.replace(FIXTURE_TIME, (_, time: string, zone: string) => {
    const moved = new Date(Date.parse(`${time}Z`) + Math.round(offsetMs / 1000) * 1000).toISOString().slice(0, 19)
    return `${moved}${zone}`
  })

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(d => d.isFile() && d.name.endsWith('.json'))
    .map(d => join(d.parentPath, d.name))

/**
 * A HOME copied from the `aws-cli-v2-latest-home` fixture (SSO logins, an
 * `aws login` session, role sessions made from them), with every time in it
 * moved so that the fixture's moment (LATEST_FIXTURE_NOW) is `now`: the bin,
 * which reads the real clock, then sees what the CLI saw `elapsedMs` later.
 */
export const latestFixtureHome = (elapsedMs = 0, now = Date.now()): string => {
  const home = tempFolder('awscache-home-')
  cpSync(join(FIXTURES, 'aws-cli-v2-latest-home'), home, { recursive: true })
  makePrivate(home)
  const offset = now - elapsedMs - LATEST_FIXTURE_NOW
  for (const file of filesUnder(home)) writeFileSync(file, shiftTimes(readFileSync(file, 'utf8'), offset))
  return home
}

export const expectedProfiles = (name: string): Record<string, string[]> =>
  JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Record<string, string[]>

export interface Result {
  status: number | null
  stdout: string
  stderr: string
}

// A clean environment: nothing of the developer's own AWS set-up leaks in.
export const cleanEnv = (home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', ...extra }
  return env
}

/** Runs the built awscache as a user would, with its own HOME. */
export const awscache = (home: string, args: string[], extra: Record<string, string> = {}): Result => {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: cleanEnv(home, extra),
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
