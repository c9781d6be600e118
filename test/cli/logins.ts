// `awscache logins` and list's `login` field on a HOME written by the newest
// AWS CLI, its clock moved: the fixture's moment, then hours later.
import { execFileSync } from 'node:child_process'
import { chmodSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache, latestFixtureHome } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'

const HOUR = 3_600_000
const ssoFile = (home: string, id: string): string => join(home, '.aws', 'sso', 'cache', `${id}.json`)
const CORP = 'ee0bfd2552fbd840c02cc48b6e823320543c450f'
const LEGACY = 'ac60cfe620e0b9d4aa02d26761573a831bdae14f'
const ALICE_FILE = (home: string): string =>
  join(home, '.aws', 'login', 'cache', '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b.json')
const editJson = (file: string, edit: (o: Record<string, unknown>) => void): void => {
  const o = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  edit(o)
  writeFileSync(file, JSON.stringify(o))
}
const FIELDS = [
  'id',
  'file',
  'kind',
  'name',
  'startUrl',
  'region',
  'accountId',
  'profiles',
  'expiration',
  'expiresInSeconds',
  'expired',
  'refreshable',
  'registrationExpiration',
  'error',
]

t.test('all valid (the moment the CLI wrote them): every login but the stale one, with its profiles', async t => {
  const home = latestFixtureHome(0)
  const r = await awscacheInProcess(home, ['logins'])
  t.equal(r.status, 0)
  t.equal(r.stderr, '')
  const lines = r.stdout.trimEnd().split('\n')
  t.match(lines[0], /^LOGIN +KIND +PROFILES +EXPIRES +LEFT +REFRESH$/)
  t.equal(lines.length, 4)
  t.match(r.stdout, /^corp +sso +sso-dev,sso-ro +\d{4}-\d\d-\d\d \d\d:\d\d +7h 59m +until \d{4}-\d\d-\d\d$/m)
  t.match(r.stdout, /^https:\/\/legacy\.awsapps\.com\/start#\/ +sso +legacy-sso .* no$/m)
  t.match(r.stdout, /^arn:aws:iam::111122223333:user\/alice +console +console-admin,via-console .* 13m +yes$/m)
  t.notMatch(r.stdout, /stale/)
  const all = await awscacheInProcess(home, ['logins', '--all'])
  t.match(all.stdout, /^stale +sso +sso-stale .* expired +no$/m, '--all adds the expired one')

  const json = JSON.parse((await awscacheInProcess(home, ['logins', '--json'])).stdout) as Record<string, unknown>[]
  t.equal(json.length, 3)
  for (const o of json) t.same(Object.keys(o), FIELDS)
  const corp = json.find(o => o.name === 'corp')
  t.match(corp, {
    id: CORP,
    kind: 'sso',
    startUrl: 'https://corp.awsapps.com/start',
    region: 'eu-west-1',
    accountId: null,
    profiles: ['sso-dev', 'sso-ro'],
    expired: false,
    refreshable: true,
    error: null,
  })
  t.match(corp?.registrationExpiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
  t.match(
    json.find(o => o.kind === 'console'),
    { accountId: '111122223333', startUrl: null, registrationExpiration: null, refreshable: true },
  )

  const cases: [string, string][] = [
    ['sso-dev', 'corp'],
    ['sso-ro', 'corp'],
    ['legacy-sso', 'https://legacy.awsapps.com/start#/'],
    ['console-admin', 'arn:aws:iam::111122223333:user/alice'],
    ['via-console', 'arn:aws:iam::111122223333:user/alice'],
  ]
  for (const [profile, name] of cases) {
    const one = await awscacheInProcess(home, ['logins', profile])
    t.equal(one.status, 0, profile)
    t.equal(one.stderr, '')
    t.equal(one.stdout.split('\n').length, 2, 'one line')
    t.ok(one.stdout.startsWith(`${name} (`), one.stdout)
  }
  t.match(
    (await awscacheInProcess(home, ['logins', 'sso-dev'])).stdout,
    /expires .*, 7h 59m left, renews by itself until \d{4}-\d\d-\d\d\n$/,
  )
  t.match(JSON.parse((await awscacheInProcess(home, ['logins', 'via-console', '--json'])).stdout), {
    kind: 'console',
    profiles: ['console-admin', 'via-console'],
  })

  const stale = await awscacheInProcess(home, ['logins', 'sso-stale'])
  t.equal(stale.status, 4, 'expired and will not renew')
  t.equal(stale.stdout, '')
  t.match(stale.stderr, /SSO login "stale" of profile "sso-stale" expired at .* does not renew/)
  t.match(stale.stderr, /run: aws sso login --profile sso-stale\n/)

  const none = await awscacheInProcess(home, ['logins', 'default'])
  t.equal(none.status, 3)
  t.match(none.stderr, /uses no login/)
  t.equal((await awscacheInProcess(home, ['logins', 'sso-dve'])).status, 3)
  t.match((await awscacheInProcess(home, ['logins', 'sso-dve'])).stderr, /did you mean: sso-dev/)
})

t.test('nine hours later: the legacy login has lapsed, corp renews by itself; list marks the sessions', async t => {
  const home = latestFixtureHome(9 * HOUR)
  const r = await awscacheInProcess(home, ['logins'])
  t.equal(r.status, 0)
  t.match(r.stdout, /^corp +sso .* renews +until /m, 'an expired token that renews is still a login')
  t.notMatch(r.stdout, /legacy/)
  t.equal((await awscacheInProcess(home, ['logins', 'sso-dev'])).status, 0)
  t.match((await awscacheInProcess(home, ['logins', 'sso-dev'])).stdout, /expired at .*, renews by itself until /)
  const legacy = await awscacheInProcess(home, ['logins', 'legacy-sso'])
  t.equal(legacy.status, 4)
  t.match(legacy.stderr, /aws sso login --profile legacy-sso/)

  const list = await awscacheInProcess(home, ['list'])
  t.equal(list.status, 0)
  t.match(list.stdout, /^legacy-sso .* \d+h \d+m !$/m, 'valid, but cannot be renewed')
  t.match(list.stdout, /^sso-stale .* !$/m)
  t.match(list.stdout, /^sso-dev .*m$/m, 'no mark where the login renews')
  t.match(
    list.stderr,
    /! on LEFT: SSO login "https:\/\/legacy\.awsapps\.com\/start#\/" has expired and will not renew: .*aws sso login --profile legacy-sso\n/,
  )
  t.equal(list.stderr.split('\n').filter(Boolean).length, 2, 'one line per lapsed login')

  const json = JSON.parse((await awscacheInProcess(home, ['list', '--json'])).stdout) as {
    profiles: string[]
    login: unknown
  }[]
  const by = Object.fromEntries(json.map(o => [o.profiles[0], o.login]))
  t.match(by['legacy-sso'], {
    kind: 'sso',
    name: 'https://legacy.awsapps.com/start#/',
    expired: true,
    refreshable: false,
  })
  t.match(by['sso-dev'], { kind: 'sso', name: 'corp', expired: true, refreshable: true })
  t.match(by['via-console'], { kind: 'console', name: 'arn:aws:iam::111122223333:user/alice', refreshable: true })
  t.same(Object.keys(by['sso-dev'] as object), ['kind', 'name', 'expiration', 'expired', 'refreshable'])

  // status says it too
  const key = (
    JSON.parse((await awscacheInProcess(home, ['list', '--json'])).stdout) as {
      profiles: string[]
      accessKeyId: string
    }[]
  ).find(o => o.profiles[0] === 'legacy-sso')?.accessKeyId as string
  const status = await awscacheInProcess(home, ['status'], { AWS_ACCESS_KEY_ID: key })
  t.equal(status.status, 0)
  t.match(status.stdout, /^legacy-sso .*left\n$/)
  t.match(status.stderr, /will not renew.*aws sso login --profile legacy-sso/)
})

t.test('a client registration that has expired: the login no longer renews', async t => {
  const home = latestFixtureHome(9 * HOUR)
  editJson(ssoFile(home, CORP), o => {
    o.registrationExpiresAt = '2020-01-01T00:00:00UTC'
  })
  const r = await awscacheInProcess(home, ['logins', 'sso-ro'])
  t.equal(r.status, 4)
  t.match(r.stderr, /aws sso login --profile sso-ro/)
  t.match(
    JSON.parse((await awscacheInProcess(home, ['logins', '--all', '--json'])).stdout).find(
      (o: { name: string }) => o.name === 'corp',
    ),
    {
      refreshable: false,
      registrationExpiration: '2020-01-01T00:00:00Z',
    },
  )
  t.match((await awscacheInProcess(home, ['logins', '--all'])).stdout, /^corp +sso .* expired +no$/m)
})

t.test(
  'a console login: its access key lasts 15 minutes and renews while the refresh token and key are there',
  async t => {
    const home = latestFixtureHome(HOUR)
    t.match(
      (await awscacheInProcess(home, ['logins'])).stdout,
      /^arn:aws:iam::111122223333:user\/alice +console .* renews +yes$/m,
    )
    t.equal((await awscacheInProcess(home, ['logins', 'console-admin'])).status, 0)
    editJson(ALICE_FILE(home), o => {
      delete o.refreshToken
    })
    const r = await awscacheInProcess(home, ['logins', 'via-console'])
    t.equal(r.status, 4)
    t.match(r.stderr, /aws login session .* run: aws login --profile console-admin\n/s)
  },
)

t.test('no login cached, an unreadable one, and files others can read', async t => {
  const home = latestFixtureHome(0)
  writeFileSync(ssoFile(home, CORP), '{"accessToken": "aoaSECRET", "expiresAt": "2026-')
  const list = await awscacheInProcess(home, ['logins'])
  t.equal(list.status, 0)
  t.match(list.stderr, new RegExp(`skipped .*${CORP}\\.json: not valid JSON`))
  t.match(
    (await awscacheInProcess(home, ['logins', '--all'])).stdout,
    new RegExp(`^corp +sso .*unreadable ${CORP}: not valid JSON`, 'm'),
  )
  const one = await awscacheInProcess(home, ['logins', 'sso-dev'])
  t.equal(one.status, 1)
  t.match(one.stderr, /cannot be read: not valid JSON/)
  t.notMatch(list.stderr + one.stderr, /SECRET/)

  chmodSync(ssoFile(home, LEGACY), 0o644)
  chmodSync(ALICE_FILE(home), 0o640)
  const open = await awscacheInProcess(home, ['logins'])
  t.match(
    open.stderr,
    /SSO login file ac60cfe620e0b9d4aa02d26761573a831bdae14f\.json \(mode 0644\) is readable or writable by group or others.*run: chmod go-rwx .*\/\.aws\/sso\/cache\/\*\.json/,
  )
  t.match(
    open.stderr,
    /aws login file 5778c30d.*\.json \(mode 0640\) .* a private key and a refresh token; run: chmod go-rwx .*\/\.aws\/login\/cache\/\*\.json/,
  )
  t.match((await awscacheInProcess(home, ['logins', 'legacy-sso'])).stderr, /SSO login file .* chmod go-rwx/)
  t.match(
    (await awscacheInProcess(home, ['list'])).stderr,
    /SSO login file .* chmod go-rwx/,
    'list warns where it warns of the role cache',
  )

  const { rmSync } = await import('node:fs')
  rmSync(ssoFile(home, LEGACY))
  const gone = await awscacheInProcess(home, ['logins', 'legacy-sso'])
  t.equal(gone.status, 3)
  t.match(
    gone.stderr,
    /no cached SSO login "https:\/\/legacy\.awsapps\.com\/start#\/" for profile "legacy-sso"\n  to log in, run: aws sso login --profile legacy-sso\n/,
  )
})

t.test('the command line: an optional profile, help and completion from the table', async t => {
  const home = latestFixtureHome(0)
  const two = awscache(home, ['logins', 'sso-dev', 'sso-ro'])
  t.equal(two.status, 2)
  t.match(two.stderr, /unexpected argument "sso-ro"/)
  t.equal(two.stdout, '')
  t.match(awscache(home, ['logins', '--help']).stdout, /awscache logins \[profile\]/)
  const bash = awscache(home, ['init', 'bash']).stdout
  t.match(bash, /logins\) case "\$\{2-\}" in 1\) \\builtin printf '%s\\n' profile ;; esac ;;/, 'its profile completes')
  t.match(bash, /logins\) \\builtin printf '%s\\n' --json --all/, 'and its options')
})

t.test(
  'files that could not be read draw no permission warning (they hold nothing); a login folder that is none, one line',
  async t => {
    const home = latestFixtureHome(0)
    const corp = ssoFile(home, CORP)
    rmSync(corp)
    execFileSync('mkfifo', ['-m', '0644', corp])
    rmSync(ALICE_FILE(home))
    symlinkSync('/dev/zero', ALICE_FILE(home))
    for (const args of [['logins'], ['logins', '--all'], ['list']]) {
      const r = await awscacheInProcess(home, args)
      t.notMatch(r.stderr, /group or others/, `${args.join(' ')}: no permission warning`)
    }
    t.match((await awscacheInProcess(home, ['logins'])).stderr, /skipped .*ee0bfd25.*: not a regular file/)
    const odd = await awscacheInProcess(home, ['logins'], { AWS_LOGIN_CACHE_DIRECTORY: '/dev/zero' })
    t.match(odd.stderr, /\/dev\/zero is not a folder/)
    t.notMatch(odd.stderr, /can be written by group or others/, 'not called a folder others can write')
  },
)

t.test('nothing cached: logins says where it looked and how a login gets there; --json stays [] and quiet', async t => {
  const home = latestFixtureHome(0)
  rmSync(join(home, '.aws', 'sso'), { recursive: true })
  rmSync(join(home, '.aws', 'login'), { recursive: true })
  const r = await awscacheInProcess(home, ['logins'])
  t.equal(r.status, 0)
  t.match(
    r.stderr,
    /^awscache: no logins cached: neither .*\.aws\/sso\/cache nor .*\.aws\/login\/cache holds one; aws sso login --profile P \(or aws login --profile P\) makes one\n$/,
  )
  const json = await awscacheInProcess(home, ['logins', '--json'])
  t.same([json.status, json.stdout, json.stderr], [0, '[]\n', ''])
})

t.test('logins are listed SSO first, then console, each by name', async t => {
  const home = latestFixtureHome(0)
  const rows = JSON.parse((await awscacheInProcess(home, ['logins', '--all', '--json'])).stdout) as {
    kind: string
    name: string
  }[]
  t.same(
    rows.map(r => `${r.kind} ${r.name}`),
    ['sso corp', 'sso https://legacy.awsapps.com/start#/', 'sso stale', 'console arn:aws:iam::111122223333:user/alice'],
  )
})
