// Command lines that must be refused before anything runs (exit 2, stdout
// empty, nothing removed), and ones that used to be refused or misread.
import { appendFileSync, mkdirSync, readdirSync, rmdirSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { awscache, BIN, cacheDirOf, cleanEnv, fixtureHome } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { tempFolder } from '../helpers/temp.js'

const SSO = '3bb1ad0606315a2d0327168fa7674d716cba411a'
const entries = (home: string) => readdirSync(cacheDirOf(home)).sort()

t.test(
  'a boolean given any value but true or false removes nothing (clear --dry-run=1 removed everything)',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const before = entries(home)
    for (const args of [
      ['clear', '--dry-run=1'],
      ['clear', '--dry-run=yes'],
      ['clear', '--dry-run=on'],
      ['clear', '--dry-run=TRUE'],
      ['clear', '--dry-run=y'],
      ['rm', '-n=yes', 'sso-dev'],
      ['prune', '--dry-run=1', '--within', '100d'],
      ['rm', '--dry-run=0', 'sso-dev'],
    ]) {
      const r = await awscacheInProcess(home, args)
      t.same([r.status, r.stdout], [2, ''], args.join(' '))
      t.match(r.stderr, new RegExp(`^awscache ${args[0]}: `), 'names the command')
      t.same(entries(home), before, 'nothing removed')
    }
    const dry = await awscacheInProcess(home, ['clear', '--dry-run=true'])
    t.equal(dry.status, 0)
    t.same(entries(home), before, '--dry-run=true is a dry run')
  },
)

t.test('an option the command does not define is refused: env dev --profile prod printed dev', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['env', 'sso-dev', '--profile', 'some-role-requiring-mfa'])
  t.same([r.status, r.stdout], [2, ''])
  t.match(
    r.stderr,
    /^awscache env: there is no --profile option: the profile is the argument, as in: awscache env some-role-requiring-mfa\n/,
  )
  for (const args of [
    ['rm', '--names', 'sso-dev'],
    ['init', '--shell', 'bash'],
    ['list', '--profile', 'x'],
    ['status', '--all'],
  ]) {
    const u = await awscacheInProcess(home, args)
    t.same([u.status, u.stdout], [2, ''], args.join(' '))
    t.match(u.stderr, /unknown option --/)
  }
  t.equal(entries(home).length, 3, 'rm --names removed nothing')
})

t.test('repeated, missing and empty values: a usage error naming the option, never an internal error', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cases: [string[], RegExp][] = [
    [['env', 'sso-dev', '-f', 'sh', '-f', 'fish'], /--format is given more than once/],
    [['sql', 'sso-dev', '-d', 'redshift', '-d', 'duckdb'], /--dialect is given more than once/],
    [['unset', '-f', 'sh', '-f', 'fish'], /--format is given more than once/],
    [['--cache-dir', 'a', 'list', '--cache-dir', 'b'], /--cache-dir is given more than once/],
    [['list', '--no-cache-dir'], /unknown option --no-cache-dir/],
    [['env', 'sso-dev', '-f'], /--format needs a value/],
    [['sql', 'sso-dev', '-d'], /--dialect needs a value/],
    [['env', 'sso-dev', '-fsh'], /unknown option -s \(in -fsh\)/],
  ]
  for (const [args, message] of cases) {
    const r = await awscacheInProcess(home, args)
    t.same([r.status, r.stdout], [2, ''], args.join(' '))
    t.match(r.stderr, message)
    t.notMatch(r.stderr, /internal error/)
    t.equal(r.stderr.split('\n').filter(l => l.startsWith('awscache')).length, 1, 'one line, then hints')
  }
  const empty = await awscacheInProcess(home, ['exec', 'sso-dev', ''])
  t.same([empty.status, empty.stdout], [127, ''], 'exec of an empty name: as a shell says it')
  t.match(empty.stderr, /command not found/)
})

t.test('a profile whose name starts with "-" is used after --', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  // the same SSO settings as sso-dev: the same entry
  appendFileSync(
    join(home, '.aws', 'config'),
    '\n[profile -x]\nsso_session = acme\nsso_account_id = 111122223333\nsso_role_name = Developer\n',
  )
  const r = await awscacheInProcess(home, ['env', '--', '-x'])
  t.equal(r.status, 0, r.stderr)
  t.match(r.stdout, /^export AWS_ACCESS_KEY_ID=/)
  const rm = await awscacheInProcess(home, ['rm', '-n', '--', '-x'])
  t.equal(rm.status, 0, rm.stderr)
  t.match(rm.stderr, new RegExp(`would remove -x, sso-dev \\(${SSO}\\)`))
})

t.test('--min-remaining 0, the default, is accepted', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['env', 'sso-dev', '--min-remaining', '0'])
  t.equal(r.status, 0, r.stderr)
  t.match(r.stdout, /AWS_SESSION_TOKEN/)
})

t.test('every command works from a deleted current folder', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const gone = join(tempFolder('awscache-cwd-'), 'gone')
  mkdirSync(gone)
  const cases: [string[], number][] = [
    [['status'], 3],
    [['--help'], 0],
    [['env', '--help'], 0],
    [['--version'], 0],
    [['exec', 'sso-dev', 'true'], 0],
    [['init', 'bash'], 0],
    [['rm', '-n', 'sso-dev'], 0],
    [['clear', '-n'], 0],
    [['prune', '-n'], 0],
    [['unset'], 0],
    [['profiles'], 0],
    [['console', 'no-such-profile'], 3],
    [['list'], 0],
    [['env', 'sso-dev'], 0],
    [['bogus'], 2],
    // a relative cache folder cannot be found from a deleted folder: said in words
    [['list', '--cache-dir', 'rel'], 1],
    [['env', 'sso-dev', '--cache-dir', 'rel'], 1],
  ]
  for (const [args, code] of cases) {
    // the child starts in the folder, which is removed before awscache runs
    // (without tap's coverage loader, which itself needs a current folder)
    const r = spawnSync(
      'sh',
      [
        '-c',
        `cd "$1" && rmdir "$1" && shift && exec env -u NODE_OPTIONS "$@"`,
        'sh',
        gone,
        process.execPath,
        BIN,
        ...args,
      ],
      {
        env: cleanEnv(home),
        encoding: 'utf8',
        timeout: 30_000,
      },
    )
    t.equal(r.status, code, `${args.join(' ')}: ${r.stderr}`)
    t.notMatch(r.stderr, /internal error|uv_cwd/)
    mkdirSync(gone)
  }
  rmdirSync(gone)
})

t.test(
  '--help and --version into a full disk: exit 1 with the one-line message',
  { skip: process.platform !== 'linux' && 'needs /dev/full' },
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    for (const args of [['--help'], ['--version'], ['env', '--help'], ['help']]) {
      const r = spawnSync('sh', ['-c', '"$@" >/dev/full', 'sh', process.execPath, BIN, ...args], {
        env: cleanEnv(home),
        encoding: 'utf8',
        timeout: 30_000,
      })
      t.equal(r.status, 1, args.join(' '))
      t.match(r.stderr, /^awscache: cannot write the output \(ENOSPC\)\n$/)
    }
  },
)

t.test('soft hyphens, fillers, variation selectors and tag characters in a name show as ?', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['env', 'x\u00ad\u{e0041}\u180e\u034f\ufe0f\u3164y'])
  t.equal(r.status, 3)
  t.match(r.stderr, /named "x\?{6}y"/)
})

t.test('--mark with --format json is a usage error naming both (it was ignored)', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  for (const args of [
    ['env', 'sso-dev', '--mark', '--format', 'json'],
    ['env', '-f', 'json', '--mark', 'sso-dev'],
  ]) {
    const r = await awscacheInProcess(home, args)
    t.same([r.status, r.stdout], [2, ''], args.join(' '))
    t.equal(
      r.stderr,
      'awscache env: --mark cannot be used with --format json: the credential_process JSON holds the credentials only\n',
    )
  }
  t.same(Object.keys(JSON.parse((await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'json'])).stdout)), [
    'Version',
    'AccessKeyId',
    'SecretAccessKey',
    'SessionToken',
    'Expiration',
    'AccountId',
  ])
  t.match(
    (await awscacheInProcess(home, ['env', 'sso-dev', '--mark', '--format', 'dotenv'])).stdout,
    /^AWSCACHE_PROFILE=sso-dev$/m,
    'dotenv carries the markers',
  )
})

t.test("rm's help shows its names as the usage line does, without yargs' [array] [default: []]", async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = awscache(home, ['rm', '--help'], { COLUMNS: '100' })
  t.equal(r.status, 0)
  t.match(r.stdout, /^awscache rm <names\.\.>\n/)
  t.match(
    r.stdout,
    /^ {2}names {2}profile names, or cache entry ids \(or unique prefixes of 6\+ characters\)\s+\[string\] \[required\]\n/m,
  )
  t.notMatch(r.stdout, /\[array\]|\[default: \[\]\]/)
  const exec = awscache(home, ['exec', '--help'])
  t.match(exec.stdout, /^ {2}command {2}the command to run, and its arguments\s+\[string\]\n/m)
  t.notMatch(exec.stdout, /\[array\]|\[default: \[\]\]/)
})
