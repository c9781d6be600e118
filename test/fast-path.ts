// The fast path (cli/fast-path.ts) must be invisible: for every command line,
// the installed bin (a bundle), the tsc-built entry and the yargs tree alone
// give byte for byte the same stdout, stderr and exit code.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import * as env from '../cli/commands/env.js'
import * as list from '../cli/commands/list.js'
import * as sql from '../cli/commands/sql.js'
import { fastCall, GLOBAL_OPTIONS, parseFast, recordCommand, type CommandSpec } from '../cli/fast-path.js'
import { runChild } from './helpers/child.js'
import { cacheDirOf, cleanEnv, fixtureHome } from './helpers/home.js'
import { tempFolder } from './helpers/temp.js'

// some 150 whole processes, each slowed by tap's coverage hooks
t.setTimeout(240_000)

const ROOT = new URL('../', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { awscache: string } }
const RUNNERS = {
  // what `npm install -g .` links
  bin: [join(ROOT, pkg.bin.awscache)],
  // what tsc builds from cli/awscache.ts
  entry: [join(ROOT, 'dist/cli/awscache.js')],
  // the yargs tree and nothing else, as the bin runs it when the fast path declines
  yargs: [
    '--input-type=module',
    '-e',
    `process.stdout.on('error', er => process.exit(er.code === 'EPIPE' ? 0 : 1))
     const { runFullCli } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/cli/full-cli.js')).href)})
     await runFullCli(process.argv.slice(1))`,
    '--',
  ],
}

const specOf = (module: Parameters<typeof recordCommand>[0]): CommandSpec => {
  const spec = recordCommand(module)
  if (!spec) throw new Error(`${module.command} cannot take the fast path`)
  return spec
}

t.test('env, sql and list take the fast path: their builders use only what it understands', async t => {
  for (const module of [env, sql, list]) t.ok(recordCommand(module), module.command)
  const spec = specOf(env)
  t.same(spec.positionals, ['profile'])
  t.match(spec.options.get('format'), { type: 'string', alias: 'f', default: 'sh' })
  t.match(spec.options.get('mark'), { type: 'boolean', default: false })
})

t.test('a builder that calls anything else, or a variadic positional, is left to yargs', async t => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const module = (command: string, builder: (y: any) => unknown) => ({ command, handler: () => {}, builder })
  const withP = (more: (y: any) => unknown) => module('x <p>', y => more(y.positional('p', { type: 'string' })))
  t.ok(recordCommand(withP(y => y.option('s', { type: 'string' }).example('x', 'y'))), 'the supported shape')
  t.equal(recordCommand(withP(y => y.check(() => true))), undefined, 'check')
  t.equal(recordCommand(withP(y => y.option('n', { type: 'number' }))), undefined, 'number option')
  t.equal(recordCommand(withP(y => y.option('b', { type: 'boolean' }))), undefined, 'boolean without a default')
  t.equal(recordCommand(withP(y => y.option('s', { type: 'string', coerce: String }))), undefined, 'coerce')
  t.equal(recordCommand(withP(y => y.option('s', { type: 'string', array: true }))), undefined, 'array')
  t.equal(recordCommand(withP(y => y.option('c', { choices: ['1', '2'] }))), undefined, 'numeric choices')
  t.equal(recordCommand(withP(y => y.option('c', { choices: ['a'], alias: 'cc' }))), undefined, 'a long alias')
  t.equal(recordCommand(withP(y => y.option('cache-dir', { type: 'string' }))), undefined, 'a global redefined')
  t.equal(recordCommand(module('x <p>', y => y)), undefined, 'positional never declared')
  t.equal(recordCommand(module('rm <names..>', y => y.positional('names', { type: 'string', array: true }))), undefined, 'variadic')
  t.equal(recordCommand(module('x [p]', y => y)), undefined, 'optional positional')
})

t.test('what the fast path hands the handler is what yargs would', async t => {
  const spec = specOf(env)
  t.match(parseFast(['env', 'p'], spec), { _: ['env'], $0: 'awscache', profile: 'p', format: 'sh', f: 'sh', mark: false, refresh: false, color: true })
  t.match(parseFast(['--cache-dir', '/c', 'env', '-f', 'fish', 'p', '--min-remaining', '15m'], spec), {
    profile: 'p',
    format: 'fish',
    'cache-dir': '/c',
    cacheDir: '/c',
    'min-remaining': '15m',
    minRemaining: '15m',
  })
  t.match(parseFast(['env', 'p', '--format=json', '--no-color', '--mark'], spec), { format: 'json', color: false, mark: true })
  t.equal(parseFast(['env', 'p'], spec)?.cacheDir, undefined)
  t.match(parseFast(['list', '--json', '--all'], specOf(list)), { json: true, all: true, prune: false })
  t.match(parseFast(['sql', 'p', '-d', 'duckdb'], specOf(sql)), { dialect: 'duckdb', d: 'duckdb' })
})

// Command lines yargs must judge: the fast path declines every one of them.
const DECLINED = [
  [],
  ['env'],
  ['env', 'a', 'b'],
  ['env', '--', '--format'],
  ['env', 'p', '--'],
  ['env', ''],
  ['env', '-'],
  ['env', '-1'],
  ['env', 'p', '--format=bogus'],
  ['env', 'p', '--format', 'bogus'],
  ['env', 'p', '--format'],
  ['env', 'p', '--format='],
  ['env', 'p', '-f'],
  ['env', 'p', '-fjson'],
  ['env', 'p', '-f=json'],
  ['env', 'p', '--format', 'sh', '--format', 'fish'],
  ['env', 'p', '-f', 'sh', '--format', 'sh'],
  ['env', 'p', '--format', '--mark'],
  ['env', 'p', '--FORMAT', 'sh'],
  ['env', 'p', '--formatt', 'sh'],
  ['env', 'p', '--no-format'],
  ['env', 'p', '--mark=true'],
  ['env', 'p', '--mark', 'true'],
  ['env', 'p', '--json'],
  ['env', 'p', '--minRemaining', '15m'],
  ['env', 'p', '--min-remaining', '-15m'],
  ['--format', 'fish', 'env', 'p'],
  ['env', 'p', '--cache-dir'],
  ['env', 'p', '--cache-dir', ''],
  ['env', 'p', '--cache-dir', '--no-color'],
  ['--cache-dir', 'env', 'p'],
  ['env', 'p', '--no-color', '--no-color'],
  ['env', 'p', '--color', '--no-color'],
  ['env', 'p', '--help'],
  ['env', 'p', '-h'],
  ['--version'],
  ['-V'],
  ['list', '--json', 'extra'],
  ['list', '--json', 'true'],
  ['list', '--json=true'],
  ['list', '--format', 'sh'],
  ['list', '-n'],
  ['lis'],
  ['help'],
  ['constructor'],
  ['__proto__'],
  ['rm', 'p'],
  ['exec', 'p', 'true'],
  ['prune'],
]

t.test('every other command line is left to yargs', async t => {
  for (const args of DECLINED) t.equal(await fastCall(args, {}), undefined, JSON.stringify(args))
  t.equal(await fastCall(['list', '--json'], { AWSCACHE_AUTO_PRUNE: '1' }), undefined, 'AWSCACHE_AUTO_PRUNE')
  t.equal(await fastCall(['list', '--json'], { AWSCACHE_AUTO_PRUNE: '' }), undefined, 'AWSCACHE_AUTO_PRUNE empty')
})

t.test('the fast path knows every global option of the yargs tree', async t => {
  // a global it did not know would be missing from what its handlers get
  const help = await runChild(process.execPath, [...RUNNERS.yargs, '--help'], { env: cleanEnv('/nonexistent'), timeoutMs: 60_000 })
  const section = /^Options:\n([\s\S]*?)\n\n/m.exec(help.stdout)?.[1] ?? ''
  const options = [...section.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map(m => m[1])
  t.same(options.sort(), [...GLOBAL_OPTIONS.keys(), 'help', 'version'].sort(), 'awscache --help lists exactly these')
})

t.test('stdout, stderr and exit code are the same byte for byte, whichever path', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  const notAFolder = join(cache, 'e16b54f656ccb369e72315ccbae6695711f5ba16.json')
  // one clock for every run: "time left" must not tick between them
  const clock = join(tempFolder('awscache-clock-'), 'clock.cjs')
  writeFileSync(clock, `const now = ${Date.now()}; Date.now = () => now\n`)
  const runEnv = (extra: Record<string, string> = {}) => cleanEnv(home, { TZ: 'UTC', NODE_OPTIONS: `--require=${clock}`, ...extra })

  const FAST: string[][] = [
    ['env', 'some-role-requiring-mfa'],
    ['env', 'sso-dev', '--format', 'fish'],
    ['env', 'sso-dev', '-f', 'powershell'],
    ['env', 'sso-dev', '--format=dotenv'],
    ['env', 'sso-dev', '--format', 'json'],
    ['env', '--format', 'fish', 'sso-dev'],
    ['env', '--mark', 'sso-dev'],
    ['env', 'list'],
    ['env', 'sso-dev', '--mark'],
    ['env', 'sso-dev', '--mark', '-f', 'fish', '--no-color'],
    ['env', 'sso-dev', '--refresh'],
    ['--no-color', 'env', 'sso-dev'],
    ['--cache-dir', cache, 'env', 'sso-dev'],
    ['env', 'sso-dev', '--cache-dir', cache],
    ['env', 'sso-dev', `--cache-dir=${cache}`],
    ['env', 'sso-dev', '--min-remaining', '15m'],
    ['env', 'sso-dev', '--min-remaining', '2h'],
    ['env', 'sso-dev', '--min-remaining', 'soon'],
    ['env', 'e16b54'],
    ['env', 'e16b5'],
    ['env', 'redonly'],
    ['env', 'nope'],
    ['env', 'my-iam-profile'],
    ['env', '007'],
    ['env', '1e3'],
    ['env', 'true'],
    ['env', 'sso-dev', '--cache-dir', '/nonexistent'],
    ['env', 'sso-dev', '--cache-dir', notAFolder],
    ['sql', 'sso-dev'],
    ['sql', 'some-role-requiring-mfa', '-d', 'duckdb'],
    ['sql', 'sso-dev', '--dialect=snowflake'],
    ['list'],
    ['list', '--all'],
    ['list', '--json'],
    ['list', '--json', '--all'],
    ['list', '--no-json'],
    ['list', '--color'],
    ['list', '--prune'],
    ['--cache-dir', '/nonexistent', 'list', '--json'],
    ['--cache-dir', notAFolder, 'list'],
  ]
  for (const args of FAST) t.ok(await fastCall(args, {}), `fast: ${JSON.stringify(args)}`)

  // the yargs tree judges these for the bin too; a few prove that the bin hands them over intact
  const HANDED_OVER = [
    ['env', '--', '--format'],
    ['env', 'a', 'b'],
    ['env', 'sso-dev', '--format=bogus'],
    ['env', 'sso-dev', '-f'],
    ['env', 'sso-dev', '--format', 'sh', '--format', 'fish'],
    ['env', 'sso-dev', '--json'],
    ['env', 'sso-dev', '--mark', 'true'],
    ['env'],
    ['list', '--json', 'extra'],
    ['list', '--json', 'true'],
    ['lis'],
    ['--version'],
    ['env', '--help'],
    [],
  ]
  for (const args of HANDED_OVER) t.equal(await fastCall(args, {}), undefined, `handed over: ${JSON.stringify(args)}`)

  type Case = { args: string[]; env?: Record<string, string>; entry?: boolean }
  const cases: Case[] = [
    // the tsc-built entry has the same fast path, as ES modules: a few of each command
    ...FAST.map((args, i) => ({ args, entry: i % 6 === 0 })),
    ...HANDED_OVER.map(args => ({ args })),
    { args: ['list'], env: { AWS_ACCESS_KEY_ID: 'ASIAPQZVO2TAL9IS4APR' } },
    { args: ['list', '--json'], env: { AWSCACHE_AUTO_PRUNE: '1' } },
    { args: ['env', 'sso-dev'], env: { AWSCACHE_CACHE_DIR: '/nonexistent' } },
  ]
  const run = async (runner: keyof typeof RUNNERS, { args, env: extra }: Case) => {
    const r = await runChild(process.execPath, [...RUNNERS[runner], ...args], { env: runEnv(extra), timeoutMs: 60_000 })
    return { code: r.code, stdout: r.stdout, stderr: r.stderr }
  }
  // a few at a time: each is a whole process
  const queue = [...cases]
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const name = `${JSON.stringify(c.args)}${c.env ? ` with ${JSON.stringify(c.env)}` : ''}`
      const [yargs, bin, entry] = await Promise.all([run('yargs', c), run('bin', c), c.entry ? run('entry', c) : undefined])
      t.same(bin, yargs, `bin: ${name}`)
      if (entry) t.same(entry, yargs, `entry: ${name}`)
    }
  }
  await Promise.all([worker(), worker()])
})
