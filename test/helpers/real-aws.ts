import { spawnSync } from 'node:child_process'
import { accessSync, constants, readdirSync, realpathSync, symlinkSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { findOpenssl, type StsStandin } from './sts-standin.js'
import { tempFolder } from './temp.js'

/** The real AWS CLI v2 the end-to-end tests drive (Debian's; a pyenv shim on PATH must not get a say). */
export const AWS = process.env.AWSCACHE_TEST_AWS || '/usr/bin/aws'

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Why the real-CLI tests cannot run here; empty when they can. */
export const missingTools = (): string[] => [
  ...(isExecutable(AWS) ? [] : [`no AWS CLI at ${AWS} (apt-get install awscli, or set AWSCACHE_TEST_AWS)`]),
  ...(findOpenssl()
    ? []
    : ['no openssl command (apt-get install openssl): the STS stand-in needs it for its certificate']),
]

/** A skipped real-CLI test says so where nobody can miss it. */
export const shout = (lines: string[]): void => {
  const bar = '!'.repeat(78)
  process.stderr.write(`\n${bar}\n${lines.map(l => `!! ${l}`).join('\n')}\n${bar}\n\n`)
}

/** What `aws --version` says (v1 before 1.17 said it on stderr), or '' when it does not run. */
export const awsVersion = (aws: string): string => {
  const r = spawnSync(aws, ['--version'], {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: tmpdir(), LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim()
}

const isV1 = (version: string): boolean => version.startsWith('aws-cli/1.')

export type AwsV1Search =
  | { found: true; path: string; version: string }
  /** looked: what was tried; misconfigured: AWSCACHE_TEST_AWS_V1 names no v1 (a failure, not a skip) */
  | { found: false; looked: string[]; misconfigured: boolean }

const listAws = (dir: string): string[] => {
  const file = join(dir, 'aws')
  return isExecutable(file) ? [file] : []
}

// pyenv's own versions, each its own Python (pip install awscli puts v1 there)
const pyenvAws = (): string[] => {
  const roots = [process.env.PYENV_ROOT, '/root/.pyenv', join(homedir(), '.pyenv')].filter((r): r is string => !!r)
  return roots.flatMap(root => {
    try {
      return readdirSync(join(root, 'versions'))
        .sort()
        .flatMap(v => listAws(join(root, 'versions', v, 'bin')))
    } catch {
      return []
    }
  })
}

// Shims are left out: which version a pyenv shim runs depends on the
// environment and folder it is run from, and the tests give the CLI neither.
const pathAws = (): string[] =>
  [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.local', 'bin'), '/usr/local/bin', '/usr/bin']
    .filter(dir => dir && !/[/\\]shims$/.test(dir))
    .flatMap(listAws)

/**
 * The AWS CLI v1 to drive: AWSCACHE_TEST_AWS_V1, else the first `aws` of a
 * pyenv version, then on PATH, whose `--version` says aws-cli/1.
 */
export const findAwsV1 = (): AwsV1Search => {
  const wanted = process.env.AWSCACHE_TEST_AWS_V1
  if (wanted) {
    const version = isExecutable(wanted) ? awsVersion(wanted) : ''
    if (isV1(version)) return { found: true, path: wanted, version }
    return {
      found: false,
      looked: [`AWSCACHE_TEST_AWS_V1=${wanted}: ${version ? `says ${JSON.stringify(version)}` : 'does not run'}`],
      misconfigured: true,
    }
  }
  const looked: string[] = []
  const seen = new Set<string>()
  for (const candidate of [...pyenvAws(), ...pathAws()]) {
    let real: string
    try {
      real = realpathSync(candidate)
    } catch {
      continue
    }
    if (seen.has(real)) continue
    seen.add(real)
    const version = awsVersion(candidate)
    if (isV1(version)) return { found: true, path: candidate, version }
    looked.push(`${candidate}: ${version ? JSON.stringify(version.split('\n')[0]) : 'does not run'}`)
  }
  return { found: false, looked, misconfigured: false }
}

/**
 * The environment in which the real AWS CLI (first on PATH, whatever else
 * this machine has) and awscache run with HOME `home`, reaching AWS only
 * through the stand-in.
 */
export const standinEnv = (home: string, standin: Pick<StsStandin, 'proxyUrl' | 'caFile'>): Record<string, string> => {
  const bin = tempFolder('awscache-awsbin-')
  symlinkSync(AWS, join(bin, 'aws'))
  return {
    PATH: [bin, dirname(process.execPath), '/usr/bin', '/bin'].join(':'),
    HOME: home,
    LANG: 'C.UTF-8',
    HTTPS_PROXY: standin.proxyUrl,
    AWS_CA_BUNDLE: standin.caFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  }
}
