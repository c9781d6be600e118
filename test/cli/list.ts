import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache, cacheDirOf, expectedProfiles, fixtureHome, setExpiration } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { tempFolder } from '../helpers/temp.js'

const SECRET_FIELDS = /SecretAccessKey|SessionToken|secret|token/i

const secretsOf = (home: string): string[] => {
  const out: string[] = []
  for (const id of Object.keys(expectedProfiles('aws-cli-v2-home'))) {
    const c = JSON.parse(readFileSync(join(cacheDirOf(home), id), 'utf8')).Credentials
    out.push(c.SecretAccessKey, c.SessionToken)
  }
  return out
}

for (const name of ['aws-cli-v1-home', 'aws-cli-v2-home'] as const) {
  t.test(`list --json maps entries written by the real CLI to profiles (${name})`, async t => {
    const home = fixtureHome(name)
    const r = await awscacheInProcess(home, ['list', '--json'])
    t.equal(r.status, 0)
    t.equal(r.stderr, '')
    const records = JSON.parse(r.stdout) as Record<string, unknown>[]
    const expected = expectedProfiles(name)
    t.same(Object.fromEntries(records.map(rec => [`${rec.id}.json`, rec.profiles])), expected)
    t.same(
      records.map(rec => (rec.profiles as string[])[0]),
      Object.values(expected)
        .map(p => p[0])
        .sort(),
      'sorted by profile',
    )
    for (const rec of records) {
      t.same(Object.keys(rec), [
        'id',
        'file',
        'profiles',
        'type',
        'accountId',
        'roleArn',
        'roleName',
        'sessionName',
        'assumedRoleArn',
        'accessKeyId',
        'expiration',
        'expiresInSeconds',
        'expired',
        'error',
        'active',
        // issue 12: the login the session depends on, added after the others
        'login',
      ])
      t.equal(rec.file, join(cacheDirOf(home), `${rec.id}.json`))
      t.match(rec.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      t.ok((rec.expiresInSeconds as number) > 3500 && (rec.expiresInSeconds as number) <= 3600)
      t.equal(rec.expired, false)
      t.equal(rec.error, null)
    }
  })
}

t.test('list --json fields for each kind of session (CLI v2)', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['list', '--json'])
  const byProfile = Object.fromEntries((JSON.parse(r.stdout) as { profiles: string[] }[]).map(x => [x.profiles[0], x]))
  t.match(byProfile['some-role-requiring-mfa'], {
    type: 'assume-role',
    accountId: '123456789999',
    roleArn: 'arn:aws:iam::123456789999:role/developer-role',
    roleName: 'developer-role',
    sessionName: 'vwalveranta',
    assumedRoleArn: 'arn:aws:sts::123456789999:assumed-role/developer-role/vwalveranta',
    accessKeyId: 'ASIACQTGVO48I6ILJBNE',
  })
  t.match(byProfile['sso-dev'], {
    type: 'sso',
    accountId: '111122223333',
    roleArn: null,
    roleName: 'Developer',
    sessionName: null,
    assumedRoleArn: null,
    accessKeyId: 'ASIAPQZVO2TAL9IS4APR',
  })
})

t.test('no secret ever appears in list output', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  for (const args of [['list'], ['list', '--json'], ['list', '--all'], ['list', '--all', '--json']]) {
    const r = await awscacheInProcess(home, args)
    for (const secret of secretsOf(home))
      t.notOk(r.stdout.includes(secret) || r.stderr.includes(secret), args.join(' '))
    t.notMatch(r.stdout, SECRET_FIELDS)
  }
})

t.test('the table: columns, time left, no colour when not a terminal', async t => {
  const home = fixtureHome('aws-cli-v2-home', 5 * 3600_000 + 12 * 60_000 + 30_000)
  const r = await awscacheInProcess(home, ['list'])
  t.equal(r.status, 0)
  const lines = r.stdout.trimEnd().split('\n')
  t.match(lines[0], /^PROFILE\s+ACCOUNT\s+ROLE\s+SESSION\s+EXPIRES\s+LEFT$/)
  t.equal(lines.length, 4)
  t.match(lines[1], /^readonly\s+123456789999\s+readonly\s+botocore-session-\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+5h 12m$/)
  t.match(lines[3], /^sso-dev\s+111122223333\s+Developer\s+-\s+/)
  t.notMatch(r.stdout, /\x1b/)
})

t.test('expired, unmatched and unreadable entries', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  setExpiration(join(cache, '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69.json'), Date.now() - 60_000)
  // mode 0600, as the AWS CLI writes entries: a wider one draws a permission warning
  writeFileSync(join(cache, 'broken.json'), '{"Credentials": {"AccessKeyId": "ASIA', { mode: 0o600 })
  // an entry no profile maps to: its role comes from the entry itself
  writeFileSync(
    join(cache, '0123456789abcdef0123456789abcdef01234567.json'),
    JSON.stringify({
      Credentials: {
        AccessKeyId: 'ASIAORPHAN',
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(Date.now() + 600_000).toISOString(),
      },
      AssumedRoleUser: { Arn: 'arn:aws:sts::999999999999:assumed-role/orphan-role/me' },
    }),
    { mode: 0o600 },
  )

  const plain = await awscacheInProcess(home, ['list', '--json'])
  t.equal(plain.status, 0)
  const shown = JSON.parse(plain.stdout) as { id: string; profiles: string[] }[]
  t.same(
    shown.map(r => r.profiles[0] ?? r.id),
    ['some-role-requiring-mfa', 'sso-dev', '0123456789abcdef0123456789abcdef01234567'],
  )
  t.match(plain.stderr, /^awscache: warning: skipped .*broken\.json: not valid JSON/m)
  t.equal(plain.stderr.trim().split('\n').length, 1, 'one warning line for the unreadable entry')

  const all = await awscacheInProcess(home, ['list', '--all', '--json'])
  const records = JSON.parse(all.stdout) as Record<string, unknown>[]
  t.equal(records.length, 5)
  t.match(
    records.find(r => r.id === 'broken'),
    { profiles: [], type: null, accessKeyId: null, expired: null, error: /not valid JSON/ },
  )
  t.match(
    records.find(r => r.id === '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'),
    { expired: true, expiresInSeconds: Number },
  )
  t.ok((records.find(r => r.id === '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69')?.expiresInSeconds as number) < 0)
  t.match(
    records.find(r => String(r.id).startsWith('0123')),
    {
      profiles: [],
      accountId: '999999999999',
      roleArn: 'arn:aws:iam::999999999999:role/orphan-role',
      roleName: 'orphan-role',
    },
  )

  const table = await awscacheInProcess(home, ['list', '--all'])
  t.match(table.stdout, /^-\s+999999999999\s+orphan-role\s+me\s/m)
  t.match(table.stdout, /^readonly .*expired$/m)
  t.match(table.stdout, /^-.*unreadable broken: not valid JSON/m)
})

t.test('a fresh machine: no cache folder, no config', async t => {
  const home = tempFolder('awscache-empty-')
  const json = await awscacheInProcess(home, ['list', '--json'])
  t.same([json.status, json.stdout, json.stderr], [0, '[]\n', ''])
  const table = await awscacheInProcess(home, ['list'])
  t.equal(table.status, 0)
  t.match(table.stdout, /^PROFILE/)
})

t.test('cache folder from --cache-dir, then AWSCACHE_CACHE_DIR; config from AWS_CONFIG_FILE', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const elsewhere = tempFolder('awscache-else-')
  const ids = (r: { stdout: string }) => (JSON.parse(r.stdout) as { id: string }[]).map(x => x.id).length
  t.equal(ids(await awscacheInProcess(home, ['list', '--json', '--cache-dir', elsewhere])), 0)
  t.equal(ids(await awscacheInProcess(home, ['list', '--json'], { AWSCACHE_CACHE_DIR: elsewhere })), 0)
  t.equal(ids(await awscacheInProcess(elsewhere, ['list', '--json'], { AWSCACHE_CACHE_DIR: cacheDirOf(home) })), 3)
  t.equal(
    ids(
      await awscacheInProcess(elsewhere, ['list', '--json', '--cache-dir', cacheDirOf(home)], {
        AWSCACHE_CACHE_DIR: elsewhere,
      }),
    ),
    3,
  )

  // profiles come from AWS_CONFIG_FILE, with ~ and $VAR expanded as the CLI does
  const r = await awscacheInProcess(home, ['list', '--json'], {
    AWS_CONFIG_FILE: '~/.aws/../.aws/config',
    AWS_SHARED_CREDENTIALS_FILE: '$HOME/nothing',
  })
  t.same(
    (JSON.parse(r.stdout) as { profiles: string[] }[]).map(x => x.profiles[0]),
    ['readonly', 'some-role-requiring-mfa', 'sso-dev'],
  )
  const none = await awscacheInProcess(home, ['list', '--json'], { AWS_CONFIG_FILE: join(elsewhere, 'missing') })
  t.same(
    (JSON.parse(none.stdout) as { profiles: string[] }[]).map(x => x.profiles.length),
    [0, 0, 0],
  )
})

t.test('a config file the AWS CLI would refuse: one warning, the rest read', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const config = join(home, '.aws', 'config')
  writeFileSync(config, 'stray = line\n' + readFileSync(config, 'utf8'))
  const r = await awscacheInProcess(home, ['list', '--json'])
  t.equal(r.status, 0)
  t.match(
    r.stderr,
    /^awscache: warning: config file .*: the AWS CLI would refuse this file: line 1: text before the first \[section\]/,
  )
  t.equal(r.stderr.trim().split('\n').length, 1)
  t.equal((JSON.parse(r.stdout) as { profiles: string[] }[]).filter(x => x.profiles.length).length, 3)
})

t.test(
  'an unreadable cache folder is an error (exit 1), stdout empty',
  { skip: process.getuid?.() === 0 && 'root reads any folder' },
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    chmodSync(cacheDirOf(home), 0o000)
    const r = await awscacheInProcess(home, ['list', '--json'])
    chmodSync(cacheDirOf(home), 0o700)
    t.equal(r.status, 1)
    t.equal(r.stdout, '')
  },
)

t.test('a file where the cache folder should be: exit 1, one line', async t => {
  const home = tempFolder('awscache-file-')
  writeFileSync(join(home, 'cachefile'), '')
  const r = await awscacheInProcess(home, ['list', '--cache-dir', join(home, 'cachefile')])
  t.equal(r.status, 1)
  t.equal(r.stdout, '')
  t.match(r.stderr, /^awscache: cache folder .* is not a folder\n$/)
})

t.test('entries others can read are warned about, once, with the fix', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  for (const f of readdirSync(cacheDirOf(home))) chmodSync(join(cacheDirOf(home), f), 0o644)
  const list = await awscacheInProcess(home, ['list', '--json'])
  t.equal(list.status, 0)
  t.equal(
    list.stderr,
    `awscache: warning: 3 cache entries are readable or writable by group or others, and hold live credentials; run: chmod go-rwx ${cacheDirOf(home)}/*.json\n`,
  )
  const env = await awscacheInProcess(home, ['env', 'sso-dev'])
  t.equal(env.status, 0)
  t.match(
    env.stderr,
    /^awscache: warning: cache entry 3bb1ad0606315a2d0327168fa7674d716cba411a\.json \(mode 0644\) is readable or writable by group or others, and holds live credentials/,
  )
  chmodSync(cacheDirOf(home), 0o777)
  t.match(
    (await awscacheInProcess(home, ['list'])).stderr,
    /the cache folder .* \(mode 0777\) can be written by group or others/,
  )
})

t.test('--color forces colour into a pipe; --no-color and the default there give none', async t => {
  const home = fixtureHome('aws-cli-v2-home', -60_000)
  t.match(
    (await awscacheInProcess(home, ['list', '--all', '--color'])).stdout,
    /\x1b\[31m/,
    'expired rows in red, asked for',
  )
  t.match(
    (await awscacheInProcess(home, ['list', '--all', '--color'], { NO_COLOR: '1' })).stdout,
    /\x1b\[31m/,
    'the option wins over NO_COLOR',
  )
  t.match(
    (await awscacheInProcess(home, ['list', '--all', '--color'], { TERM: 'dumb' })).stdout,
    /\x1b\[31m/,
    'and over TERM=dumb',
  )
  t.notMatch((await awscacheInProcess(home, ['list', '--all'])).stdout, /\x1b\[/, 'not a terminal: no colour')
  t.notMatch((await awscacheInProcess(home, ['list', '--all', '--no-color'])).stdout, /\x1b\[/)
})

t.test(
  'bidirectional and zero-width characters from entries and names show as ? in the table and messages',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    // U+202E would show "elor-live" as "evil-role"; the others hide or reorder text
    // (U+2028 and U+2029 end a line for the ARN's pattern: they come in through a name below)
    const invisible = [
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202d',
      '\ufeff',
      '\u061c',
      '\u2060',
    ]
    writeFileSync(
      join(cache, '0123456789abcdef0123456789abcdef01234567.json'),
      JSON.stringify({
        Credentials: {
          AccessKeyId: 'ASIAORPHAN',
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 600_000).toISOString(),
        },
        AssumedRoleUser: { Arn: `arn:aws:sts::999999999999:assumed-role/evil\u202erole/me${invisible.join('')}x` },
      }),
      { mode: 0o600 },
    )
    const table = await awscacheInProcess(home, ['list'])
    t.equal(table.status, 0)
    t.match(table.stdout, new RegExp(`^-\\s+999999999999\\s+evil\\?role\\s+me\\?{${invisible.length}}x\\s`, 'm'))
    for (const c of invisible)
      t.notOk(table.stdout.includes(c), `U+${c.codePointAt(0)?.toString(16).toUpperCase()} not in the table`)
    // --json is for programs: the value as it is
    t.ok(
      (await awscacheInProcess(home, ['list', '--json'])).stdout.includes('evil\\u202erole') ||
        (await awscacheInProcess(home, ['list', '--json'])).stdout.includes('evil\u202erole'),
    )

    const typo = await awscacheInProcess(home, ['env', `read\u202eonly\u200b\u2028\u2029`])
    t.equal(typo.status, 3)
    t.equal(typo.stdout, '')
    t.match(typo.stderr, /"read\?only\?\?\?"/)
    for (const c of [...invisible, '\u2028', '\u2029']) t.notOk(typo.stderr.includes(c))
  },
)

t.test(
  'an Expiration that cannot be written as YYYY-MM-DDTHH:MM:SSZ makes the entry unreadable, with the reason',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    const write = (id: string, Expiration: string) =>
      writeFileSync(
        join(cache, `${id}.json`),
        JSON.stringify({
          Credentials: { AccessKeyId: 'ASIAFAR', SecretAccessKey: 's', SessionToken: 't', Expiration },
        }),
        { mode: 0o600 },
      )
    write('year10000', '9999-12-31T23:00:00-05:00')
    write('yearminus1', '0000-01-01T00:00:00+01:00')
    write('offset25', '2999-01-01T00:00:00+25:00')
    write('year9999', '9999-12-31T23:59:59Z')
    const all = await awscacheInProcess(home, ['list', '--all', '--json'])
    t.equal(all.status, 0)
    const byId = Object.fromEntries(
      (JSON.parse(all.stdout) as { id: string; error: string | null; expiration: string | null }[]).map(r => [r.id, r]),
    )
    t.match(byId.year10000, {
      error: '"Credentials.Expiration" is outside the years 0000 to 9999 in UTC',
      expiration: null,
    })
    t.match(byId.yearminus1, {
      error: '"Credentials.Expiration" is outside the years 0000 to 9999 in UTC',
      expiration: null,
    })
    t.match(byId.offset25, { error: '"Credentials.Expiration" is not a date', expiration: null })
    t.match(byId.year9999, { error: null, expiration: '9999-12-31T23:59:59Z' })
    for (const r of Object.values(byId))
      if (r.expiration !== null) t.match(r.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, r.id)
    const plain = await awscacheInProcess(home, ['list'])
    t.match(
      plain.stderr,
      /skipped .*year10000\.json: "Credentials\.Expiration" is outside the years 0000 to 9999 in UTC/,
    )
  },
)

t.test(
  'the permission warning counts only entries that hold a session (not a link to /dev/null, not junk)',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    symlinkSync('/dev/null', join(cache, 'z.json'))
    writeFileSync(join(cache, 'junk.json'), '{}', { mode: 0o644 })
    chmodSync(join(cache, 'junk.json'), 0o644)
    const r = await awscacheInProcess(home, ['list'])
    t.equal(r.status, 0)
    t.notMatch(r.stderr, /live credentials/)
  },
)

t.test(
  'the table fits $COLUMNS (a 55-character profile name, a CJK one); into a pipe without it, rows stay whole',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const long = 'a-fifty-five-character-profile-name-for-the-prod-admins'
    // two more profiles of the readonly role: the entry's PROFILE cell lists all three
    writeFileSync(
      join(home, '.aws', 'config'),
      readFileSync(join(home, '.aws', 'config'), 'utf8').replace(
        '[profile readonly]',
        `[profile ${long}]\nrole_arn = arn:aws:iam::123456789999:role/developer-role\nsource_profile = my-iam-profile\nrole_session_name = vwalveranta\nmfa_serial = arn:aws:iam::123456789000:mfa/vwalveranta\n\n[profile 開発]\nrole_arn = arn:aws:iam::123456789999:role/readonly\nsource_profile = my-iam-profile\n\n[profile readonly]`,
      ),
    )
    const fitted = await awscacheInProcess(home, ['list'], { COLUMNS: '100' })
    t.equal(fitted.status, 0, fitted.stderr)
    const lines = fitted.stdout.trimEnd().split('\n')
    t.equal(lines.length, 4)
    // a CJK character takes two cells
    const cells = (text: string): number => [...text].reduce((n, c) => n + (/\p{Script=Han}/u.test(c) ? 2 : 1), 0)
    for (const l of lines) t.ok(cells(l) <= 100, `no row wider than 100 columns: ${l}`)
    t.match(
      fitted.stdout,
      /^a-fifty-five-.*…  123456789999  developer-role  vwalveranta +\d{4}-\d\d-\d\d \d\d:\d\d  5\dm$/m,
    )
    t.match(fitted.stdout, /^readonly,開発 +123456789999  readonly/m)
    // ACCOUNT starts at the same column on every row
    t.equal(new Set(lines.map(l => cells(l.slice(0, l.search(/ACCOUNT|\d{12}/))))).size, 1, lines.join('\n'))
    const whole = await awscacheInProcess(home, ['list'])
    t.match(whole.stdout, new RegExp(`^${long},`, 'm'), 'no terminal, no COLUMNS: the whole name')
    t.match(
      (await awscacheInProcess(home, ['list'], { COLUMNS: 'wide' })).stdout,
      new RegExp(`^${long},`, 'm'),
      'a COLUMNS that is no number is ignored',
    )
  },
)

t.test('nothing cached: the table says on stderr where sessions would be and how one gets there', async t => {
  const home = tempFolder('awscache-fresh-')
  const missing = await awscacheInProcess(home, ['list'])
  t.equal(missing.status, 0)
  t.match(missing.stdout, /^PROFILE/)
  t.equal(
    missing.stderr,
    `awscache: no sessions cached: the cache folder ${cacheDirOf(home)} does not exist yet; the AWS CLI caches a session there when you use a role or SSO profile (aws --profile P sts get-caller-identity)\n`,
  )
  mkdirSync(cacheDirOf(home), { recursive: true })
  const empty = await awscacheInProcess(home, ['list'])
  t.match(
    empty.stderr,
    /^awscache: no sessions cached: the cache folder \S+ holds no entries; the AWS CLI caches a session there/,
  )
  t.equal((await awscacheInProcess(home, ['list', '--json'])).stderr, '', 'JSON, for scripts, stays quiet')
  t.equal(
    (await awscacheInProcess(fixtureHome('aws-cli-v2-home'), ['list'])).stderr,
    '',
    'sessions cached: no such line',
  )
})

t.test('every session expired: the table says so, and where they are; --json stays [] and quiet', async t => {
  const home = fixtureHome('aws-cli-v2-home', -60_000)
  const r = await awscacheInProcess(home, ['list'])
  t.equal(r.status, 0)
  t.match(r.stderr, /^awscache: no unexpired sessions: \d+ expired \(list --all shows them, prune removes them\)\n$/)
  const json = await awscacheInProcess(home, ['list', '--json'])
  t.same([json.stdout, json.stderr], ['[]\n', ''])
})
