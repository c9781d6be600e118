// What `npm pack` ships is what runs (the bundle and the help module it
// loads), and the README's install (a copy, through the tarball) gives a
// command that works on its own: --help, list and init, with the clone gone
// from its sight. Installing fetches the dependencies (yargs, luxon) from
// npm's cache or the registry: without either, the test is skipped loudly
// here and fails in CI.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { readdirSync, readlinkSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import t from 'tap'
import { fixtureHome } from '../helpers/home.js'
import { shout } from '../helpers/real-aws.js'
import { tempFolder } from '../helpers/temp.js'

const ROOT = new URL('../..', import.meta.url).pathname
const NPM_TIMEOUT_MS = 300_000

// npm as a user runs it: not under tap's loader
const npmEnv = (): NodeJS.ProcessEnv => {
  const { NODE_OPTIONS: _, ...env } = process.env
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }
}

const npm = (args: string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: NPM_TIMEOUT_MS })

t.test(
  'the tarball holds the bin, the bundle and its code cache, the help module, the README, the licence and package.json; nothing else',
  async t => {
    t.setTimeout(NPM_TIMEOUT_MS)
    const r = npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)
    t.equal(r.status, 0, r.stderr)
    const [pack] = JSON.parse(r.stdout) as { files: { path: string }[]; entryCount: number }[]
    t.same(pack?.files.map(f => f.path).sort(), [
      'LICENSE',
      'README.md',
      'dist/cli/awscache-bundle.cjs',
      'dist/cli/awscache-bundle.cjs.cache',
      'dist/cli/awscache.cjs',
      'dist/cli/help.js',
      'package.json',
    ])
    t.notMatch(pack?.files.map(f => f.path).join('\n'), /\.d\.ts$|\.map$/m, 'no declarations or source maps')
  },
)

t.test("the README's install: a copy, from the tarball, that runs without the clone", async t => {
  t.setTimeout(2 * NPM_TIMEOUT_MS)
  const out = tempFolder('awscache-pack-')
  const packed = npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', out], ROOT)
  t.equal(packed.status, 0, packed.stderr)
  const tarball = join(out, packed.stdout.trim())
  t.same(
    readdirSync(out),
    [packed.stdout.trim()],
    "npm pack --silent prints the file name only, which the README's one line uses",
  )

  const prefix = join(out, 'prefix')
  const installed = npm(['install', '-g', '--prefix', prefix, '--prefer-offline', tarball], out)
  if (
    installed.status !== 0 &&
    /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENOTCACHED|ENETUNREACH/.test(installed.stderr) &&
    !process.env.CI
  ) {
    const why = 'the install test did NOT run: npm could reach neither its cache nor the registry for yargs and luxon'
    shout([why])
    t.skip(why, () => {})
    return
  }
  t.equal(installed.status, 0, installed.stderr)
  const bin = join(prefix, 'bin', 'awscache')
  // a copy: the command leads into the prefix, not back into this clone
  t.notOk(realpathSync(bin).startsWith(realpathSync(ROOT)), `${readlinkSync(bin)} is not in the clone`)

  const home = fixtureHome('aws-cli-v2-home')
  // the clone out of reach: no NODE_PATH, run from elsewhere, only node's folder on PATH besides the system's
  const env = { PATH: [dirname(process.execPath), '/usr/bin', '/bin'].join(':'), HOME: home, LANG: 'C.UTF-8' }
  const run = (args: string[]) => spawnSync(bin, args, { cwd: home, env, encoding: 'utf8', timeout: 60_000 })
  const help = run(['--help'])
  t.equal(help.status, 0, help.stderr)
  t.match(help.stdout, /^awscache <command> \[options\]/)
  const envHelp = run(['env', '--help'])
  t.match(envHelp.stdout, /--format/)
  t.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/)
  const list = run(['list'])
  t.equal(list.status, 0, list.stderr)
  t.match(list.stdout, /^sso-dev\s+111122223333\s+Developer/m)
  const init = run(['init', 'bash'])
  t.equal(init.status, 0, init.stderr)
  t.match(init.stdout, /^awscache-use\(\) \{/m)
})
