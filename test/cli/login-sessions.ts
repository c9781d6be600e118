// `aws login` sessions through the built bin, on the home the newest AWS CLI
// wrote (its times moved to now): list shows them (type "login"), env, sql,
// exec and status use them as the CLI's export-credentials does, rm refuses
// (exit 3: aws logout ends them), clear and prune leave the login folder alone
// and refuse it as their cache folder, --refresh never touches the file.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import {
  awscache,
  BIN,
  cacheDirOf,
  cleanEnv,
  FIXTURES,
  latestFixtureHome,
  LATEST_FIXTURE_NOW,
} from '../helpers/home.js'
import { awscacheInProcess, runInProcess } from '../helpers/in-process.js'
import { hasCommand, missingReason, run } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'

const LOGIN_ID = '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b'
const MINUTE = 60_000
const NODE_DIR = join(process.execPath, '..')
const EXPORTED = JSON.parse(
  readFileSync(join(FIXTURES, 'aws-cli-v2-latest-home', 'export-credentials.console-admin.json'), 'utf8'),
) as Record<string, string>

const loginDirOf = (home: string) => join(home, '.aws', 'login', 'cache')
const loginFileOf = (home: string) => join(loginDirOf(home), `${LOGIN_ID}.json`)

/** The login file as it was: same bytes, same inode, not written. */
const snapshot = (home: string) => {
  const file = loginFileOf(home)
  const bytes = readFileSync(file)
  const { ino, mtimeMs } = statSync(file)
  return (t: Test, what = 'the login file') => {
    t.ok(existsSync(file), `${what} is still there`)
    if (!existsSync(file)) return
    t.same(readFileSync(file), bytes, `${what}: same bytes`)
    t.same([statSync(file).ino, statSync(file).mtimeMs], [ino, mtimeMs], `${what}: same inode, not written`)
    t.same(readdirSync(loginDirOf(home)), [`${LOGIN_ID}.json`], 'nothing else in the login folder')
  }
}

/** The exported expiry, moved by as much as the home's times were. */
const exportedExpiryIn = (home: string): number => {
  const data = JSON.parse(readFileSync(loginFileOf(home), 'utf8')) as { accessToken: { expiresAt: string } }
  return Date.parse(data.accessToken.expiresAt)
}

t.test('list: the login is a row of type "login" with account, key id, expiry and time left', async t => {
  const home = latestFixtureHome(0)
  const r = await awscacheInProcess(home, ['list', '--json'])
  t.same([r.status, r.stderr], [0, ''])
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[]
  const login = rows.filter(row => row.type === 'login')
  t.equal(login.length, 1)
  const row = login[0] as Record<string, unknown>
  t.same(
    Object.keys(row),
    Object.keys(rows.find(x => x.type === 'assume-role') as object),
    'the same fields as a role session, in the same order',
  )
  t.match(row, {
    id: LOGIN_ID,
    file: loginFileOf(home),
    profiles: ['console-admin'],
    accountId: '111122223333',
    roleArn: null,
    roleName: null,
    sessionName: null,
    assumedRoleArn: null,
    accessKeyId: EXPORTED.AccessKeyId,
    expired: false,
    error: null,
  })
  t.ok(
    (row.expiresInSeconds as number) > 12 * 60 && (row.expiresInSeconds as number) <= 14 * 60,
    `13 minutes or so left (${row.expiresInSeconds})`,
  )
  t.equal(Date.parse(row.expiration as string), exportedExpiryIn(home))
  t.notOk(
    rows.some(x => x.type === 'login' && x.profiles !== undefined && (x.profiles as string[]).includes('via-console')),
    'a role chained from the login is its own row',
  )
  const table = await awscacheInProcess(home, ['list', '--no-color'])
  t.equal(table.status, 0)
  t.match(table.stdout, /^console-admin +111122223333 +\(aws login\) +- +\S+ \S+ +1[34]m$/m)
  t.match(table.stdout, /^via-console +444455556666 +Deployer +alice-deploy /m)
})

t.test('list: no login folder costs nothing and says nothing; an expired login shows with --all', async t => {
  const home = latestFixtureHome(0)
  rmSync(join(home, '.aws', 'login'), { recursive: true })
  const r = await awscacheInProcess(home, ['list', '--json'])
  t.same([r.status, r.stderr], [0, ''])
  t.notOk((JSON.parse(r.stdout) as { type: string }[]).some(row => row.type === 'login'))
  const old = latestFixtureHome(20 * MINUTE)
  const hidden = await awscacheInProcess(old, ['list', '--json'])
  t.notOk(
    (JSON.parse(hidden.stdout) as { type: string }[]).some(row => row.type === 'login'),
    'expired: not listed',
  )
  const all = await awscacheInProcess(old, ['list', '--json', '--all'])
  t.match(
    (JSON.parse(all.stdout) as { type: string }[]).find(row => row.type === 'login'),
    { expired: true, expiresInSeconds: Number },
  )
})

t.test('list: an unreadable login file is one warning, never fatal', async t => {
  const home = latestFixtureHome(0)
  writeFileSync(loginFileOf(home), '{"accessToken": {"accessKeyId": "ASIA')
  const r = await awscacheInProcess(home, ['list', '--json'])
  t.equal(r.status, 0)
  t.equal(
    r.stderr,
    `awscache: warning: skipped ${loginFileOf(home)}: not valid JSON (truncated or not an aws login session)\n`,
  )
  const all = JSON.parse((await awscacheInProcess(home, ['list', '--json', '--all'])).stdout) as Record<
    string,
    unknown
  >[]
  t.match(
    all.find(row => row.id === LOGIN_ID),
    { type: null, profiles: ['console-admin'], error: /not valid JSON/ },
  )
  // unreadable is no reason to remove it: prune --unreadable and clear are for role sessions
  for (const args of [['prune', '--unreadable'], ['clear']])
    t.equal((await awscacheInProcess(home, args)).status, 0, args.join(' '))
  t.equal(
    readFileSync(loginFileOf(home), 'utf8'),
    '{"accessToken": {"accessKeyId": "ASIA',
    'the broken login file is still there',
  )
})

t.test('$AWS_LOGIN_CACHE_DIRECTORY: where list and env look for login files', async t => {
  const home = latestFixtureHome(0)
  mkdirSync(join(home, 'elsewhere'))
  renameSync(loginDirOf(home), join(home, 'elsewhere', 'logins'))
  const env = { AWS_LOGIN_CACHE_DIRECTORY: '~/elsewhere/logins' }
  const listed = JSON.parse((await awscacheInProcess(home, ['list', '--json'], env)).stdout) as Record<
    string,
    unknown
  >[]
  t.match(
    listed.find(row => row.type === 'login'),
    { file: join(home, 'elsewhere', 'logins', `${LOGIN_ID}.json`), profiles: ['console-admin'] },
  )
  t.equal((await awscacheInProcess(home, ['env', 'console-admin'], env)).status, 0)
  const without = await awscacheInProcess(home, ['env', 'console-admin'])
  t.same([without.status, without.stdout], [3, ''])
  t.match(
    without.stderr,
    /no aws login session for profile "console-admin" \(no .*\.aws\/login\/cache\/5778c30d.*\.json\)\n {2}to log in, run: aws login --profile console-admin\n$/,
  )
})

t.test("env, sql, exec: the values the newest CLI's export-credentials prints", async t => {
  const home = latestFixtureHome(0)
  const json = await awscacheInProcess(home, ['env', 'console-admin', '--format', 'json'])
  t.same([json.status, json.stderr], [0, ''])
  const got = JSON.parse(json.stdout) as Record<string, string | number>
  t.same(
    [got.Version, got.AccessKeyId, got.SecretAccessKey, got.SessionToken],
    [EXPORTED.Version, EXPORTED.AccessKeyId, EXPORTED.SecretAccessKey, EXPORTED.SessionToken],
  )
  t.equal(Date.parse(got.Expiration as string), exportedExpiryIn(home))
  t.ok(
    Math.abs(exportedExpiryIn(home) - (Date.now() - LATEST_FIXTURE_NOW) - Date.parse(EXPORTED.Expiration as string)) <
      5000,
    'the expiry is the exported one, moved to now',
  )
  const sh = await awscacheInProcess(home, ['env', 'console-admin'])
  t.match(sh.stdout, `export AWS_ACCESS_KEY_ID='${EXPORTED.AccessKeyId}'\n`)
  t.match(sh.stdout, "export AWS_REGION='us-west-2'\n", "the profile's region, as for a role profile")
  const sql = await awscacheInProcess(home, ['sql', 'console-admin'])
  t.same(
    [sql.status, sql.stdout],
    [
      0,
      `ACCESS_KEY_ID '${EXPORTED.AccessKeyId}' SECRET_ACCESS_KEY '${EXPORTED.SecretAccessKey}' SESSION_TOKEN '${EXPORTED.SessionToken}'\n`,
    ],
  )
  const exec = awscache(home, [
    'exec',
    'console-admin',
    '--',
    'sh',
    '-c',
    'printf "%s|%s|%s" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"',
  ])
  t.same(
    [exec.status, exec.stdout],
    [0, [EXPORTED.AccessKeyId, EXPORTED.SecretAccessKey, EXPORTED.SessionToken].join('|')],
  )
})

t.test('env: under 5 minutes left, a warning; expired, exit 4 with how to renew or log in again', async t => {
  const late = latestFixtureHome(10 * MINUTE)
  const r = await awscacheInProcess(late, ['env', 'console-admin'])
  t.equal(r.status, 0)
  t.match(
    r.stderr,
    /^awscache: warning: the aws login session's key for "console-admin" has [34]m left; the AWS CLI renews it on its next use \(--refresh does that now\)\n$/,
  )
  const gone = latestFixtureHome(20 * MINUTE)
  const keep = snapshot(gone)
  for (const cmd of [
    ['env', 'console-admin'],
    ['sql', 'console-admin'],
    ['exec', 'console-admin', '--', 'true'],
  ]) {
    const e = await awscacheInProcess(gone, cmd)
    t.same([e.status, e.stdout], [4, ''], cmd.join(' '))
    t.match(
      e.stderr,
      /key for "console-admin" expired at .*\n {2}the AWS CLI renews its key while the login lasts: use --refresh, or run: aws --profile console-admin sts get-caller-identity\n {2}if the login has ended, log in again: aws login --profile console-admin\n$/,
    )
  }
  keep(t)
})

t.test("status: a shell using the login's key", async t => {
  const home = latestFixtureHome(0)
  const r = await awscacheInProcess(home, ['status'], { AWS_ACCESS_KEY_ID: EXPORTED.AccessKeyId as string })
  t.same([r.status, r.stderr], [0, ''])
  t.match(r.stdout, /^console-admin \(111122223333\): 1[34]m left\n$/)
  const json = JSON.parse(
    (await awscacheInProcess(home, ['status', '--json'], { AWS_ACCESS_KEY_ID: EXPORTED.AccessKeyId as string })).stdout,
  ) as Record<string, unknown>
  t.match(json, { type: 'login', id: LOGIN_ID, active: true })
  const gone = await awscacheInProcess(latestFixtureHome(20 * MINUTE), ['status'], {
    AWS_ACCESS_KEY_ID: EXPORTED.AccessKeyId as string,
  })
  t.same([gone.status, gone.stdout], [4, ''])
  t.match(gone.stderr, /aws login --profile console-admin/)
})

t.test('rm of a login profile removes nothing: exit 3, aws logout ends it', async t => {
  const home = latestFixtureHome(0)
  const keep = snapshot(home)
  for (const args of [
    ['rm', 'console-admin'],
    ['rm', 'console-admin', '--dry-run'],
    ['rm', LOGIN_ID],
    ['rm', LOGIN_ID.slice(0, 10), '--json'],
  ]) {
    const r = await awscacheInProcess(home, args)
    // --json lists what was removed: nothing
    t.same([r.status, r.stdout], [3, args.includes('--json') ? '[]\n' : ''], args.join(' '))
    t.match(
      r.stderr,
      /^awscache: "[^"]+" is an aws login session, which awscache does not remove: aws logout --profile console-admin ends it\n$/,
    )
  }
  // with a role profile beside it: the role session goes, the login stays
  const both = await awscacheInProcess(home, ['rm', 'console-admin', 'via-console'])
  t.equal(both.status, 3)
  t.match(both.stderr, /removed via-console/)
  keep(t)
})

t.test('clear and prune remove role sessions only; the login folder is never touched', async t => {
  const home = latestFixtureHome(0)
  const keep = snapshot(home)
  const pruned = await awscacheInProcess(home, ['prune', '--within', '1h', '--unreadable'])
  t.equal(pruned.status, 0)
  t.notMatch(pruned.stderr, /console-admin|5778c30d/, 'the login (13 minutes left) is not pruned')
  const cleared = await awscacheInProcess(home, ['clear'])
  t.equal(cleared.status, 0)
  t.notMatch(cleared.stderr, /console-admin|5778c30d/)
  t.same(
    readdirSync(cacheDirOf(home)).filter(n => n.endsWith('.json')),
    [],
    'the role sessions are gone',
  )
  keep(t)
  // an expired login is not pruned either
  const old = latestFixtureHome(20 * MINUTE)
  const keepOld = snapshot(old)
  t.equal((await awscacheInProcess(old, ['prune'])).status, 0)
  keepOld(t, 'the expired login file')
})

t.test(
  'clear, prune and rm refuse the login folder as their cache folder (a usage error, nothing removed)',
  async t => {
    const home = latestFixtureHome(20 * MINUTE)
    const keep = snapshot(home)
    const roles = readdirSync(cacheDirOf(home)).sort()
    const ways: [string, string[], Record<string, string>][] = [
      ['--cache-dir', ['--cache-dir', loginDirOf(home)], {}],
      ['--cache-dir, relative', ['--cache-dir', '.aws/login/cache'], {}],
      ['AWSCACHE_CACHE_DIR', [], { AWSCACHE_CACHE_DIR: loginDirOf(home) }],
    ]
    for (const [way, extra, env] of ways) {
      for (const cmd of [['clear'], ['prune', '--unreadable'], ['rm', LOGIN_ID], ['clear', '--dry-run']]) {
        const r =
          cmd.length && way.endsWith('relative')
            ? await runInProcess([...cmd, ...extra], { env: cleanEnv(home, env), cwd: home })
            : await awscacheInProcess(home, [...cmd, ...extra], env)
        t.same([r.status, r.stdout], [2, ''], `${cmd.join(' ')} with ${way}`)
        t.match(
          r.stderr,
          /is the aws login session folder: awscache removes role sessions only, and removing an aws login file is a logout/,
        )
      }
    }
    // the other way round: the CLI told to keep logins in the role-session folder
    cpSync(loginFileOf(home), join(cacheDirOf(home), `${LOGIN_ID}.json`))
    const same = await awscacheInProcess(home, ['clear'], { AWS_LOGIN_CACHE_DIRECTORY: cacheDirOf(home) })
    t.same([same.status, same.stdout], [2, ''])
    t.ok(existsSync(join(cacheDirOf(home), `${LOGIN_ID}.json`)))
    t.same(
      readdirSync(cacheDirOf(home))
        .filter(n => n !== `${LOGIN_ID}.json`)
        .sort(),
      roles,
      'no role session removed either',
    )
    keep(t)
  },
)

/** A home with a stand-in `aws` on PATH that logs, then exits with FAKE_AWS_EXIT (or is killed). */
const withStandIn = (elapsedMs: number) => {
  const home = latestFixtureHome(elapsedMs)
  const bin = tempFolder('awscache-fakeaws-')
  const log = join(bin, 'log')
  writeFileSync(
    join(bin, 'aws'),
    [
      '#!/bin/sh',
      `echo "$*" >> ${log}`,
      `ls ${loginDirOf(home)} >> ${log}`,
      'if [ -n "$FAKE_AWS_KILL" ]; then kill -INT $$; fi',
      'exit "${FAKE_AWS_EXIT:-0}"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  )
  const env = (extra: Record<string, string> = {}) => ({ PATH: `${bin}:${NODE_DIR}:/usr/bin:/bin`, ...extra })
  const runs = () => (existsSync(log) ? readFileSync(log, 'utf8') : '')
  return { home, env, runs }
}

t.test('--refresh: aws fails, is killed, or is missing; the login file is never touched, nothing printed', async t => {
  for (const [what, extra] of [
    ['fails', { FAKE_AWS_EXIT: '255' }],
    ['is killed', { FAKE_AWS_KILL: '1' }],
  ] as const) {
    for (const [state, elapsed, min] of [
      ['expired', 20 * MINUTE, []],
      // under 5 minutes left: the AWS CLI would renew it
      ['too short', 10 * MINUTE, ['--min-remaining', '1h']],
    ] as const) {
      const { home, env, runs } = withStandIn(elapsed)
      const keep = snapshot(home)
      const r = await awscacheInProcess(home, ['env', 'console-admin', '--refresh', ...min], env(extra))
      t.same([r.status, r.stdout], [1, ''], `${state}, aws ${what}`)
      t.match(r.stderr, /running aws --profile console-admin sts get-caller-identity/)
      t.match(r.stderr, /failed \((exit 255|killed by SIGINT|exit 130)\); nothing printed\n/)
      t.equal(
        runs(),
        `--profile console-admin sts get-caller-identity\n${LOGIN_ID}.json\n`,
        'aws ran once, with the login file in its place',
      )
      keep(t, `${state}, aws ${what}: the login file`)
    }
  }
  const { home } = withStandIn(20 * MINUTE)
  const keep = snapshot(home)
  const missing = await awscacheInProcess(home, ['env', 'console-admin', '--refresh'], { PATH: '/nonexistent' })
  t.same([missing.status, missing.stdout], [1, ''])
  t.match(missing.stderr, /the aws command is not on PATH/)
  keep(t, 'aws missing: the login file')
})

t.test(
  '--refresh with --min-remaining a login cannot give: the key there, a warning, aws not run while the CLI would not renew it',
  async t => {
    const { home, env, runs } = withStandIn(0)
    const keep = snapshot(home)
    const r = await awscacheInProcess(home, ['env', 'console-admin', '--refresh', '--min-remaining', '1h'], env())
    t.equal(r.status, 0)
    t.match(r.stdout, `export AWS_ACCESS_KEY_ID='${EXPORTED.AccessKeyId}'\n`)
    t.match(
      r.stderr,
      /less than --min-remaining 1h: a login's keys last 15 minutes at most; the AWS CLI renews it when under 5 minutes are left; used anyway/,
    )
    t.equal(
      runs()
        .split('\n')
        .filter(l => l.startsWith('--profile')).length,
      0,
      'over 5 minutes left: aws is not run',
    )
    t.notMatch(r.stderr, /refreshed/, 'nothing was refreshed, and nothing says so')
    keep(t)
  },
)

const VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']

for (const shell of ['bash', 'zsh', 'fish']) {
  t.test(
    `${shell}: eval of env for a login profile sets the export-credentials values`,
    { skip: !hasCommand(shell) && missingReason(shell) },
    async t => {
      const home = latestFixtureHome(0)
      const awscacheCmd = `"${process.execPath}" "${BIN}"`
      const script =
        shell === 'fish'
          ? `${awscacheCmd} env console-admin --format fish | source; or exit 9\n` +
            VARS.map(v => `printf '%s\\0' "$${v}"`).join('\n')
          : `eval "$(${awscacheCmd} env console-admin)" || exit 9\n` +
            VARS.map(v => `printf '%s\\0' "$${v}"`).join('\n')
      const r = run(shell, ['-c', script], undefined, cleanEnv(home, { AWS_PROFILE: 'console-admin' }))
      t.equal(r.status, 0, r.stderr)
      const expiry = new Date(exportedExpiryIn(home)).toISOString().replace('.000Z', 'Z')
      t.same(r.stdout.split('\0').slice(0, -1), [
        EXPORTED.AccessKeyId,
        EXPORTED.SecretAccessKey,
        EXPORTED.SessionToken,
        expiry,
      ])
    },
  )
}
