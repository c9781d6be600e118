// The installed bin (the esbuild bundle, compiled with its code cache) and
// the tsc-built program (ES modules: its main(), which the in-process tests
// run, in a child process of its own) are the same program: for command lines
// of every command, valid or not, they give byte for byte the same stdout,
// stderr and exit code.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { runChild } from '../helpers/child.js'
import { runInOneChild } from '../helpers/commands-in-one-child.js'
import { cacheDirOf, cleanEnv, fixtureHome } from '../helpers/home.js'
import { tempFolder } from '../helpers/temp.js'

t.setTimeout(240_000)

const ROOT = new URL('../../', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { awscache: string } }
const BIN = join(ROOT, pkg.bin.awscache)

t.test('bin and entry agree byte for byte', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  const notAFolder = join(cache, 'e16b54f656ccb369e72315ccbae6695711f5ba16.json')
  // one clock for every run: "time left" must not tick between them
  const clock = join(tempFolder('awscache-clock-'), 'clock.cjs')
  writeFileSync(clock, `const now = ${Date.now()}; Date.now = () => now\n`)
  const runEnv = (extra: Record<string, string> = {}) =>
    cleanEnv(home, { TZ: 'UTC', NODE_OPTIONS: `--require=${clock}`, ...extra })

  type Case = { args: string[]; env?: Record<string, string> }
  const cases: Case[] = [
    ...[
      ['env', 'some-role-requiring-mfa'],
      ['env', 'sso-dev', '--format', 'fish'],
      ['env', 'sso-dev', '-f', 'powershell', '--mark'],
      ['env', 'sso-dev', '--min-remaining', '2h'],
      ['env', 'e16b5'],
      ['env', 'nope'],
      ['env', 'sso-dev', '--cache-dir', notAFolder],
      ['sql', 'some-role-requiring-mfa', '-d', 'duckdb'],
      ['list'],
      ['list', '--all', '--json'],
      ['list', '--prune'],
      ['status'],
      ['logins', '--all'],
      ['logins', 'sso-dev'],
      ['exec', 'sso-dev', 'true'],
      ['exec', 'sso-dev', '--', 'sh', '-c', 'exit 7'],
      ['exec', 'sso-dev', 'no-such-command-here'],
      // console: only cases that end before its request
      ['console', 'nope'],
      ['console', 'sso-dev', '--destination', 'http://console.aws.amazon.com/'],
      ['rm', '-n', 'sso-dev', 'nope'],
      ['clear', '--dry-run', '--json'],
      ['prune', '-n', '--within', '100d'],
      ['unset'],
      ['init', 'bash'],
      ['init', 'fish'],
      ['profiles'],
      // refused
      [],
      ['lis'],
      ['use', 'dev'],
      ['env'],
      ['env', 'a', 'b'],
      ['env', 'sso-dev', '--format=bogus'],
      ['env', 'sso-dev', '-fsh'],
      ['env', 'sso-dev', '--profile', 'x'],
      ['clear', '--dry-run=1'],
      ['exec', 'sso-dev'],
      ['init', 'tcsh'],
      // yargs
      ['--version'],
      ['--help'],
      ['env', '--help'],
      ['help', 'exec'],
    ].map(args => ({ args })),
    { args: ['list'], env: { AWS_ACCESS_KEY_ID: 'ASIAPQZVO2TAL9IS4APR' } },
    { args: ['status', '--json'], env: { AWS_ACCESS_KEY_ID: 'ASIAPQZVO2TAL9IS4APR' } },
    { args: ['env', 'sso-dev'], env: { AWSCACHE_CACHE_DIR: '/nonexistent' } },
  ]
  const runBin = async ({ args, env: extra }: Case) => {
    const r = await runChild(process.execPath, [BIN, ...args], { env: runEnv(extra), timeoutMs: 60_000 })
    return { code: r.code, stdout: r.stdout, stderr: r.stderr }
  }
  // main() of the tsc build: the cases with one environment in one child, one after the other
  const fromMain = new Map<Case, { code: number | null; stdout: string; stderr: string }>()
  const byEnv = new Map<string, Case[]>()
  for (const c of cases) {
    const key = JSON.stringify(c.env ?? {})
    byEnv.set(key, [...(byEnv.get(key) ?? []), c])
  }
  const mainRuns = [...byEnv.values()].map(async group => {
    const results = await runInOneChild(
      group.map(c => c.args),
      { env: runEnv(group[0]?.env), timeoutMs: 60_000, nodeArgs: [`--require=${clock}`] },
    )
    group.forEach((c, i) => {
      const r = results[i]
      if (r) fromMain.set(c, { code: r.code, stdout: r.stdout, stderr: r.stderr })
    })
  })
  const queue = [...cases]
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const name = `${JSON.stringify(c.args)}${c.env ? ` with ${JSON.stringify(c.env)}` : ''}`
      const bin = await runBin(c)
      await Promise.all(mainRuns)
      t.same(fromMain.get(c), bin, name)
    }
  }
  await Promise.all([worker(), worker()])
})
