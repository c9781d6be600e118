import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache, BIN, cacheDirOf, cleanEnv, fixtureHome, setExpiration } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { runAwscache } from '../helpers/child.js'
import { hasCommand, missingReason, run } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'

const MFA_ID = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
const SSO_ID = '3bb1ad0606315a2d0327168fa7674d716cba411a'

const cached = (home: string, id: string) =>
  JSON.parse(readFileSync(join(cacheDirOf(home), `${id}.json`), 'utf8')).Credentials as Record<string, string>

const VARS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION']

for (const shell of ['bash', 'zsh']) {
  t.test(
    `eval "$(awscache env P)" in ${shell} sets exactly the cached values`,
    { skip: !hasCommand(shell) && missingReason(shell) },
    async t => {
      const home = fixtureHome('aws-cli-v2-home')
      for (const [profile, id] of [
        ['some-role-requiring-mfa', MFA_ID],
        ['sso-dev', SSO_ID],
      ] as const) {
        const script =
          `eval "$("${process.execPath}" "${BIN}" env ${profile})" || exit 9\n` +
          VARS.map(v => `printf '%s\\0' "$${v}"`).join('\n')
        const r = run(shell, ['-c', script], undefined, cleanEnv(home))
        t.equal(r.status, 0, r.stderr)
        const c = cached(home, id)
        const want = [
          c.AccessKeyId,
          c.SecretAccessKey,
          c.SessionToken,
          new Date(Date.parse(c.Expiration as string)).toISOString().replace('.000Z', 'Z'),
        ]
        t.same(r.stdout.split('\0').slice(0, -1), want, profile)
      }
    },
  )
}

// What a shell holds from before: another profile, another session's markers, another region.
const BEFORE = {
  AWS_PROFILE: 'prod',
  AWS_DEFAULT_PROFILE: 'prod',
  AWSCACHE_PROFILE: 'old',
  AWSCACHE_EXPIRES: '1',
  AWS_REGION: 'us-west-2',
  AWS_DEFAULT_REGION: 'us-west-2',
}
const AFTER_NAMES = Object.keys(BEFORE)
const showSh = AFTER_NAMES.map(v => `printf '%s\\0' "\${${v}-<unset>}"`).join('\n')
const showFish = AFTER_NAMES.map(v => `if set -q ${v}; printf '%s\\0' $${v}; else; printf '<unset>\\0'; end`).join('\n')
const after = (stdout: string) =>
  Object.fromEntries(
    stdout
      .split('\0')
      .slice(0, -1)
      .map((v, i) => [AFTER_NAMES[i], v]),
  )

for (const shell of ['bash', 'zsh', 'dash', 'fish']) {
  t.test(
    `${shell}: env leaves no other profile, no stale markers, and the profile's region`,
    { skip: !hasCommand(shell) && missingReason(shell) },
    async t => {
      const home = fixtureHome('aws-cli-v2-home')
      const code = (args: string) =>
        shell === 'fish'
          ? [
              '--no-config',
              '-c',
              `"${process.execPath}" "${BIN}" ${args} --format fish | source; or exit 9\n${showFish}`,
            ]
          : ['-c', `eval "$("${process.execPath}" "${BIN}" ${args})" || exit 9\n${showSh}`]
      const plain = run(shell, code('env sso-dev'), undefined, cleanEnv(home, BEFORE))
      t.equal(plain.status, 0, plain.stderr)
      t.same(after(plain.stdout), {
        AWS_PROFILE: '<unset>',
        AWS_DEFAULT_PROFILE: '<unset>',
        AWSCACHE_PROFILE: '<unset>',
        AWSCACHE_EXPIRES: '<unset>',
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
      })
      t.equal(
        plain.stderr,
        "awscache: this also unsets AWS_PROFILE=prod AWS_DEFAULT_PROFILE=prod, so that no tool picks a profile over the session's keys\n",
      )

      const marked = run(shell, code('env sso-dev --mark'), undefined, cleanEnv(home, BEFORE))
      t.equal(marked.status, 0, marked.stderr)
      const expires = Math.floor(Date.parse(cached(home, SSO_ID).Expiration as string) / 1000)
      t.same(after(marked.stdout), {
        AWS_PROFILE: '<unset>',
        AWS_DEFAULT_PROFILE: '<unset>',
        AWSCACHE_PROFILE: 'sso-dev',
        AWSCACHE_EXPIRES: String(expires),
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
      })

      // no region in the profile (as with --profile readonly, the environment's region applies); nothing was set
      const noRegion = run(shell, code('env readonly'), undefined, cleanEnv(home, { AWS_REGION: 'us-west-2' }))
      t.equal(noRegion.status, 0, noRegion.stderr)
      t.equal(noRegion.stderr, '', 'no profile variable was set: nothing to say')
      t.same(after(noRegion.stdout), {
        AWS_PROFILE: '<unset>',
        AWS_DEFAULT_PROFILE: '<unset>',
        AWSCACHE_PROFILE: '<unset>',
        AWSCACHE_EXPIRES: '<unset>',
        AWS_REGION: 'us-west-2',
        AWS_DEFAULT_REGION: '<unset>',
      })
    },
  )
}

t.test('dotenv carries the region, json does not; neither can unset, so neither says it does', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const dotenv = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'dotenv'], { AWS_PROFILE: 'prod' })
  t.equal(dotenv.status, 0)
  t.match(dotenv.stdout, /\nAWS_REGION=eu-west-1\nAWS_DEFAULT_REGION=eu-west-1\n$/)
  t.notMatch(dotenv.stdout, /PROFILE/)
  t.equal(dotenv.stderr, '')
  const json = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'json'], { AWS_PROFILE: 'prod' })
  // issue 15: AccountId (the SSO profile's account) now follows, as the SDKs' credential_process reads it
  t.same(Object.keys(JSON.parse(json.stdout)), [
    'Version',
    'AccessKeyId',
    'SecretAccessKey',
    'SessionToken',
    'Expiration',
    'AccountId',
  ])
  t.equal(JSON.parse(json.stdout).AccountId, '111122223333')
  t.equal(json.stderr, '')
  const ps = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'powershell'], { AWS_DEFAULT_PROFILE: 'x y' })
  t.match(
    ps.stdout,
    /^\$Env:AWS_REGION = 'eu-west-1'\n\$Env:AWS_DEFAULT_REGION = 'eu-west-1'\nRemove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\nRemove-Item Env:AWS_DEFAULT_PROFILE -ErrorAction SilentlyContinue\nRemove-Item Env:AWSCACHE_PROFILE -ErrorAction SilentlyContinue\nRemove-Item Env:AWSCACHE_EXPIRES -ErrorAction SilentlyContinue\n$/m,
  )
  t.equal(
    ps.stderr,
    "awscache: this also unsets AWS_DEFAULT_PROFILE='x y', so that no tool picks a profile over the session's keys\n",
  )
})

t.test('a profile, an entry id, or a unique id prefix of 6+ characters', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const byProfile = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'])
  t.equal(byProfile.status, 0)
  t.equal(byProfile.stderr, '')
  t.match(byProfile.stdout, /^export AWS_ACCESS_KEY_ID='ASIACQTGVO48I6ILJBNE'\n/)
  t.equal((await awscacheInProcess(home, ['env', MFA_ID])).stdout, byProfile.stdout)
  t.equal((await awscacheInProcess(home, ['env', MFA_ID.slice(0, 6)])).stdout, byProfile.stdout)
  const short = await awscacheInProcess(home, ['env', MFA_ID.slice(0, 5)])
  t.same([short.status, short.stdout], [3, ''])
  t.equal(
    short.stderr,
    `awscache: no profile named "${MFA_ID.slice(0, 5)}", and an entry id prefix needs at least 6 characters\n  entry ids that start so: ${MFA_ID}\n`,
  )
  t.equal(
    (await awscacheInProcess(home, ['env', `${MFA_ID}.json`])).stdout,
    byProfile.stdout,
    'the file name works too',
  )
  t.match(
    await awscacheInProcess(home, ['env', `${MFA_ID.slice(0, 8)}.json`]),
    { status: 3, stdout: '' },
    'a prefix is no file name',
  )
  // two ids sharing a prefix
  writeFileSync(join(cacheDirOf(home), `${MFA_ID.slice(0, 8)}ffff.json`), '{}')
  const ambiguous = await awscacheInProcess(home, ['env', MFA_ID.slice(0, 8)])
  t.same([ambiguous.status, ambiguous.stdout], [2, ''])
  t.match(ambiguous.stderr, /is the start of 2 entry ids/)
  t.equal(
    ambiguous.stderr,
    `awscache: "${MFA_ID.slice(0, 8)}" is the start of 2 entry ids (${MFA_ID}, ${MFA_ID.slice(0, 8)}ffff): give more of it\n`,
    'no … after a full list',
  )
  for (const tail of ['1', '2', '3']) writeFileSync(join(cacheDirOf(home), `${MFA_ID.slice(0, 8)}${tail}.json`), '{}')
  t.match(
    (await awscacheInProcess(home, ['env', MFA_ID.slice(0, 8)])).stderr,
    /is the start of 5 entry ids \(\w+, \w+, \w+ and 2 more\)/,
  )
})

t.test('every --format', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const c = cached(home, MFA_ID)
  t.match(
    (await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'fish'])).stdout,
    /^set -gx AWS_ACCESS_KEY_ID 'ASIAPQZVO2TAL9IS4APR'\n/,
  )
  t.match(
    (await awscacheInProcess(home, ['env', 'sso-dev', '-f', 'powershell'])).stdout,
    /^\$Env:AWS_ACCESS_KEY_ID = 'ASIAPQZVO2TAL9IS4APR'\n/,
  )
  t.match(
    (await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'dotenv'])).stdout,
    /^AWS_ACCESS_KEY_ID=ASIAPQZVO2TAL9IS4APR\n/,
  )
  const json = JSON.parse(
    (await awscacheInProcess(home, ['env', 'some-role-requiring-mfa', '--format', 'json'])).stdout,
  )
  t.match(json, {
    Version: 1,
    AccessKeyId: c.AccessKeyId,
    SecretAccessKey: c.SecretAccessKey,
    SessionToken: c.SessionToken,
  })
  const bad = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'csh'])
  t.same([bad.status, bad.stdout], [2, ''])
  t.match(bad.stderr, /--format "csh" is not one of sh, fish, powershell, dotenv, json/)
})

t.test('fish evaluates --format fish', { skip: !hasCommand('fish') && missingReason('fish') }, async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = run(
    'fish',
    [
      '--no-config',
      '-c',
      `"${process.execPath}" "${BIN}" env sso-dev --format fish | source; printf '%s\\0' $AWS_SECRET_ACCESS_KEY $AWS_SESSION_TOKEN`,
    ],
    undefined,
    cleanEnv(home),
  )
  const c = cached(home, SSO_ID)
  t.same(r.stdout.split('\0').slice(0, -1), [c.SecretAccessKey, c.SessionToken])
})

t.test('no session: exit 3, stdout empty, how to get one on stderr', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const typo = await awscacheInProcess(home, ['env', 'redonly'])
  t.same([typo.status, typo.stdout], [3, ''])
  t.match(typo.stderr, /no profile or cache entry named "redonly"\n\s+did you mean: readonly\?/)

  const staticKeys = await awscacheInProcess(home, ['env', 'my-iam-profile'])
  t.same([staticKeys.status, staticKeys.stdout], [3, ''])
  t.match(staticKeys.stderr, /profile "my-iam-profile" has no cached session: it assumes no role/)

  const config = join(home, '.aws', 'config')
  writeFileSync(
    config,
    readFileSync(config, 'utf8') +
      '\n[profile "not yet used"]\nrole_arn = arn:aws:iam::123456789999:role/x\nsource_profile = my-iam-profile\n',
  )
  const fresh = await awscacheInProcess(home, ['env', 'not yet used'])
  t.same([fresh.status, fresh.stdout], [3, ''])
  t.match(
    fresh.stderr,
    /no cached session for profile "not yet used"\n\s+to get a fresh one, run: aws --profile 'not yet used' sts get-caller-identity/,
  )
})

t.test('a fresh machine, no config file at all: env says so', async t => {
  const home = tempFolder('awscache-fresh-')
  const r = await awscacheInProcess(home, ['env', 'dev'])
  t.same([r.status, r.stdout], [3, ''])
  t.equal(
    r.stderr,
    `awscache: no profile or cache entry named "dev": there is no AWS config file (${join(home, '.aws', 'config')})\n  profiles are set up with "aws configure" (or "aws configure sso"); once you use one, its session is cached\n`,
  )
  // with a config file, the plain message
  mkdirSync(join(home, '.aws'))
  writeFileSync(join(home, '.aws', 'config'), '[profile prod]\nregion = us-east-1\n')
  t.equal((await awscacheInProcess(home, ['env', 'dev'])).stderr, 'awscache: no profile or cache entry named "dev"\n')
})

t.test('expired: exit 4; under 15 minutes left: printed, with a warning', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(home), `${MFA_ID}.json`), Date.now() - 1000)
  const expired = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'])
  t.same([expired.status, expired.stdout], [4, ''])
  t.match(
    expired.stderr,
    /expired at .*\n\s+to get a fresh one, run: aws --profile some-role-requiring-mfa sts get-caller-identity/,
  )
  const sqlExpired = await awscacheInProcess(home, ['sql', 'some-role-requiring-mfa'])
  t.same([sqlExpired.status, sqlExpired.stdout], [4, ''])

  setExpiration(join(cacheDirOf(home), `${MFA_ID}.json`), Date.now() + 10 * 60_000)
  const soon = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'])
  t.equal(soon.status, 0)
  t.match(soon.stdout, /AWS_SESSION_TOKEN/)
  // under 10 minutes: 9m, as list shows it, and --mark's line agrees
  t.match(
    soon.stderr,
    /^awscache: warning: the session for "some-role-requiring-mfa" has 9m left; the AWS CLI already treats it as stale\n/,
  )
  const marked = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa', '--mark'])
  t.match(marked.stderr, /has 9m left;.*\nawscache: using some-role-requiring-mfa: 9m left\n/s)
  t.match((await awscacheInProcess(home, ['list'])).stdout, /^some-role-requiring-mfa .*  9m$/m)
})

t.test('an unreadable entry: exit 1, stdout empty, no secret', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const file = join(cacheDirOf(home), `${MFA_ID}.json`)
  const secret = cached(home, MFA_ID).SecretAccessKey as string
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200))
  const r = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'])
  t.same([r.status, r.stdout], [1, ''])
  t.match(r.stderr, /cannot be read: not valid JSON/)
  t.notOk(r.stderr.includes(secret))
})

t.test('sql: each dialect with the cached values', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const c = cached(home, SSO_ID)
  const redshift = await awscacheInProcess(home, ['sql', 'sso-dev'])
  t.equal(redshift.status, 0)
  t.equal(
    redshift.stdout,
    `ACCESS_KEY_ID '${c.AccessKeyId}' SECRET_ACCESS_KEY '${c.SecretAccessKey}' SESSION_TOKEN '${c.SessionToken}'\n`,
  )
  t.equal(
    (await awscacheInProcess(home, ['sql', 'sso-dev', '--dialect', 'duckdb'])).stdout,
    `CREATE OR REPLACE SECRET awscache_sso_dev (TYPE s3, KEY_ID '${c.AccessKeyId}', SECRET '${c.SecretAccessKey}', SESSION_TOKEN '${c.SessionToken}', REGION 'eu-west-1');\n`,
  )
  t.match(
    (await awscacheInProcess(home, ['sql', 'sso-dev', '-d', 'snowflake'])).stdout,
    /^CREDENTIALS = \(AWS_KEY_ID = 'ASIA/,
  )
  t.match(
    (await awscacheInProcess(home, ['sql', 'sso-dev', '-d', 'redshift-credentials'])).stdout,
    /^CREDENTIALS 'aws_access_key_id=ASIA[^;]+;aws_secret_access_key=[^;]+;token=/,
  )
  const none = await awscacheInProcess(home, ['sql', 'nope'])
  t.same([none.status, none.stdout], [3, ''])
})

t.test('usage: --help, --version, unknown commands and options', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  // --help and --version read the installed package.json: the bin's, in child processes (at once)
  const asChild = async (args: string[]) => {
    const r = await runAwscache(args, { env: cleanEnv(home), timeoutMs: 60_000 })
    return { status: r.code, stdout: r.stdout }
  }
  const [help, list, env, sql, unset, version] = await Promise.all(
    [['--help'], ...['list', 'env', 'sql', 'unset'].map(cmd => [cmd, '--help']), ['--version']].map(asChild),
  )
  if (!help || !list || !env || !sql || !unset || !version) throw new Error('a run is missing')
  t.equal(help.status, 0)
  for (const word of ['list', 'env', 'sql', '--cache-dir', 'Exit codes', '4  the cached session has expired']) {
    t.ok(help.stdout.includes(word), `--help mentions ${word}`)
  }
  for (const [cmd, h] of [
    ['list', list],
    ['env', env],
    ['sql', sql],
  ] as const) {
    t.equal(h.status, 0)
    t.match(h.stdout, /Examples:/, `${cmd} --help has examples`)
  }
  // --color only where something is coloured
  t.match(list.stdout, /--color/)
  t.match(unset.stdout, /--color/)
  t.notMatch(env.stdout, /--color/)
  t.notMatch(help.stdout, /--color/)
  t.same(
    [version.status, version.stdout],
    [0, JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version + '\n'],
  )
  for (const args of [[], ['bogus'], ['list', '--bogus'], ['env'], ['list', 'extra'], ['--cache-dir']]) {
    const r = await awscacheInProcess(home, args)
    t.same([r.status, r.stdout], [2, ''], `awscache ${args.join(' ')}`)
    t.match(r.stderr, /^awscache( [a-z]+)?: /)
  }
})

t.test('an expiry in a message is local time, as the list table shows it; JSON stays UTC', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  // 2026-11-26 11:29:00 UTC is 13:29 in Helsinki (EET, +02:00)
  setExpiration(join(cacheDirOf(home), `${MFA_ID}.json`), Date.UTC(2026, 10, 26, 11, 29, 0))
  const tz = { TZ: 'Europe/Helsinki' }
  const env = awscache(home, ['env', 'some-role-requiring-mfa'], tz)
  t.equal(env.status, 4)
  t.match(env.stderr, /^awscache: the cached session for "some-role-requiring-mfa" expired at 2026-11-26 13:29\n/)
  const key = JSON.parse(readFileSync(join(cacheDirOf(home), `${MFA_ID}.json`), 'utf8')).Credentials.AccessKeyId
  const status = awscache(home, ['status'], { ...tz, AWS_ACCESS_KEY_ID: key })
  t.equal(status.status, 4)
  t.match(status.stderr, /expired at 2026-11-26 13:29\n/)
  const list = awscache(home, ['list', '--all'], tz)
  t.match(list.stdout, /2026-11-26 13:29/)
  t.match(JSON.parse(awscache(home, ['list', '--all', '--json'], tz).stdout)[0], { expiration: /Z$/ })
})

t.test('AWS_ACCOUNT_ID: set when the session knows its account, a stale one unset when it does not', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  // the assumed role's ARN names the account; for SSO the profile's sso_account_id
  t.match(
    (await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'])).stdout,
    /\nexport AWS_ACCOUNT_ID='123456789999'\nexport AWS_REGION=/,
  )
  t.match(
    (await awscacheInProcess(home, ['env', 'sso-dev', '-f', 'fish'])).stdout,
    /\nset -gx AWS_ACCOUNT_ID '111122223333'\n/,
  )
  t.match((await awscacheInProcess(home, ['env', 'sso-dev', '-f', 'dotenv'])).stdout, /\nAWS_ACCOUNT_ID=111122223333\n/)
  t.equal(
    awscache(home, ['exec', 'sso-dev', '--', 'printenv', 'AWS_ACCOUNT_ID'], { AWS_ACCOUNT_ID: '999999999999' }).stdout,
    '111122223333\n',
  )
  // an entry nobody maps to, with no ARN and no AccountId: its account is unknown
  const id = 'abcdef0123456789abcdef0123456789abcdef01'
  const c = cached(home, MFA_ID)
  writeFileSync(join(cacheDirOf(home), `${id}.json`), JSON.stringify({ Credentials: { ...c, AccountId: undefined } }))
  const sh = await awscacheInProcess(home, ['env', id])
  t.equal(sh.status, 0, sh.stderr)
  t.notMatch(sh.stdout, /export AWS_ACCOUNT_ID/)
  t.match(
    sh.stdout,
    /\nunset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCOUNT_ID AWSCACHE_PROFILE AWSCACHE_EXPIRES\n$/,
    "an earlier session's account would send the SDKs elsewhere",
  )
  t.notMatch((await awscacheInProcess(home, ['env', id, '-f', 'json'])).stdout, /AccountId/)
  t.equal(
    awscache(home, ['exec', id, '--', 'sh', '-c', 'echo "${AWS_ACCOUNT_ID-<unset>}"'], {
      AWS_ACCOUNT_ID: '999999999999',
    }).stdout,
    '<unset>\n',
  )
  for (const shell of ['bash', 'fish']) {
    if (!hasCommand(shell)) continue
    const code =
      shell === 'fish'
        ? `"${process.execPath}" "${BIN}" env ${id} -f fish | source; and set -q AWS_ACCOUNT_ID; or echo gone`
        : `eval "$("${process.execPath}" "${BIN}" env ${id})" && echo "\${AWS_ACCOUNT_ID-gone}"`
    const r = run(
      shell,
      shell === 'fish' ? ['--no-config', '-c', code] : ['-c', code],
      undefined,
      cleanEnv(home, { AWS_ACCOUNT_ID: '999999999999' }),
    )
    t.equal(r.stdout, 'gone\n', shell)
  }
})

t.test('--format windows-cmd: set NAME=value, as the AWS CLI prints it; what cmd cannot carry is refused', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const c = cached(home, SSO_ID)
  const r = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'windows-cmd'], { AWS_PROFILE: 'prod' })
  t.equal(r.status, 0, r.stderr)
  t.equal(
    r.stdout,
    [
      `set AWS_ACCESS_KEY_ID=${c.AccessKeyId}`,
      `set AWS_SECRET_ACCESS_KEY=${c.SecretAccessKey}`,
      `set AWS_SESSION_TOKEN=${c.SessionToken}`,
      `set AWS_CREDENTIAL_EXPIRATION=${new Date(Date.parse(c.Expiration as string)).toISOString().replace('.000Z', 'Z')}`,
      'set AWS_ACCOUNT_ID=111122223333',
      'set AWS_REGION=eu-west-1',
      'set AWS_DEFAULT_REGION=eu-west-1',
      'set AWS_PROFILE=',
      'set AWS_DEFAULT_PROFILE=',
      'set AWSCACHE_PROFILE=',
      'set AWSCACHE_EXPIRES=',
      '',
    ].join('\n'),
  )
  t.equal(
    r.stderr,
    "awscache: this also unsets AWS_PROFILE=prod, so that no tool picks a profile over the session's keys\n",
  )
  const file = join(cacheDirOf(home), `${SSO_ID}.json`)
  const entry = JSON.parse(readFileSync(file, 'utf8'))
  entry.Credentials.SessionToken = 'tok%PATH%en'
  writeFileSync(file, JSON.stringify(entry))
  const bad = await awscacheInProcess(home, ['env', 'sso-dev', '--format', 'windows-cmd'])
  t.same([bad.status, bad.stdout], [1, ''])
  t.match(bad.stderr, /a value holds the character %, which cmd\.exe cannot carry safely; nothing printed/)
})
