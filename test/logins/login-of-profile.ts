import { join } from 'node:path'
import t from 'tap'
import { loadAwsConfig, type AwsConfig, type Settings } from '../../lib/aws/profiles.js'
import { MAX_CHAIN_LENGTH } from '../../lib/aws/profile-resolution.js'
import { loginOfProfile, profilesByLogin } from '../../lib/logins/login-of-profile.js'
import { lapsed, listLogins, loginFolders } from '../../lib/logins/logins.js'
import { FIXTURES, LATEST_FIXTURE_NOW } from '../helpers/home.js'

const HOME = join(FIXTURES, 'aws-cli-v2-latest-home')
const fixtureConfig = (): AwsConfig =>
  loadAwsConfig({ configFile: join(HOME, '.aws', 'config'), credentialsFile: join(HOME, '.aws', 'credentials') })

const settings = (o: Record<string, string>): Settings => Object.assign(Object.create(null) as Settings, o)
const configOf = (
  profiles: Record<string, Record<string, string>>,
  ssoSessions: Record<string, Record<string, string>> = {},
): AwsConfig => ({
  profiles: new Map(Object.entries(profiles).map(([k, v]) => [k, settings(v)])),
  ssoSessions: new Map(Object.entries(ssoSessions).map(([k, v]) => [k, settings(v)])),
  // keys written as if in the credentials file, which the CLI reads before a login
  credentialsFileKeys: new Set(Object.keys(profiles).filter(name => profiles[name]?.aws_access_key_id !== undefined)),
  warnings: [],
})

t.test("the fixture's profiles: their sso-session, legacy start URL, login_session, or a source profile's", async t => {
  const config = fixtureConfig()
  t.match(loginOfProfile(config, 'sso-dev'), {
    kind: 'sso',
    name: 'corp',
    id: 'ee0bfd2552fbd840c02cc48b6e823320543c450f',
    viaSsoSession: true,
    startUrl: 'https://corp.awsapps.com/start',
    region: 'eu-west-1',
    loginProfile: 'sso-dev',
  })
  t.match(loginOfProfile(config, 'legacy-sso'), {
    kind: 'sso',
    name: 'https://legacy.awsapps.com/start#/',
    viaSsoSession: false,
    loginProfile: 'legacy-sso',
  })
  t.match(loginOfProfile(config, 'console-admin'), {
    kind: 'console',
    name: 'arn:aws:iam::111122223333:user/alice',
    id: '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b',
  })
  t.match(loginOfProfile(config, 'via-console'), {
    kind: 'console',
    name: 'arn:aws:iam::111122223333:user/alice',
    loginProfile: 'console-admin',
  })
  t.equal(loginOfProfile(config, 'default'), undefined, 'no login')
  t.equal(loginOfProfile(config, 'nobody'), undefined)
  const by = profilesByLogin(config)
  t.same([...by.values()].map(v => [v.ref.name, v.profiles]).sort(), [
    ['arn:aws:iam::111122223333:user/alice', ['console-admin', 'via-console']],
    ['corp', ['sso-dev', 'sso-ro']],
    ['https://legacy.awsapps.com/start#/', ['legacy-sso']],
    ['stale', ['sso-stale']],
  ])
  t.same(by.get('console:5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b')?.profiles, [
    'console-admin',
    'via-console',
  ])
  t.equal(
    by.get('console:5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b')?.ref.loginProfile,
    'console-admin',
    'named by its own profile',
  )
  t.same(by.get('sso:ee0bfd2552fbd840c02cc48b6e823320543c450f')?.profiles, ['sso-dev', 'sso-ro'])
})

t.test('a source_profile chain, walked as botocore walks it, and bounded', async t => {
  const sso = { sso_session: 's', sso_account_id: '1', sso_role_name: 'R' }
  const config = configOf(
    {
      a: { role_arn: 'arn:aws:iam::1:role/A', source_profile: 'b' },
      b: { role_arn: 'arn:aws:iam::1:role/B', source_profile: 'c' },
      c: sso,
      keys: { role_arn: 'arn:aws:iam::1:role/K', source_profile: 'k' },
      k: { aws_access_key_id: 'AKIA', aws_secret_access_key: 'x', login_session: 'arn:aws:iam::1:user/x' },
      self: {
        role_arn: 'arn:aws:iam::1:role/S',
        source_profile: 'self',
        aws_access_key_id: 'AKIA',
        aws_secret_access_key: 'x',
      },
      loop1: { role_arn: 'arn:aws:iam::1:role/L', source_profile: 'loop2' },
      loop2: { role_arn: 'arn:aws:iam::1:role/L', source_profile: 'loop1' },
      env: { role_arn: 'arn:aws:iam::1:role/E', credential_source: 'Environment' },
      web: { role_arn: 'arn:aws:iam::1:role/W', web_identity_token_file: '/t', sso_session: 's' },
      missing: { role_arn: 'arn:aws:iam::1:role/M', source_profile: 'nobody' },
      'role-beside-sso': { role_arn: 'arn:aws:iam::1:role/X', source_profile: 'c', ...sso },
    },
    { s: { sso_start_url: 'https://s', sso_region: 'eu-west-1' } },
  )
  t.match(loginOfProfile(config, 'a'), { kind: 'sso', name: 's', loginProfile: 'c' }, 'two roles down to SSO')
  t.equal(loginOfProfile(config, 'keys'), undefined, "a source profile's static keys come before its login_session")
  t.equal(loginOfProfile(config, 'self'), undefined, 'a role sourced from its own keys')
  t.equal(loginOfProfile(config, 'loop1'), undefined, 'a loop ends')
  t.equal(loginOfProfile(config, 'env'), undefined, 'credential_source is no login')
  t.equal(loginOfProfile(config, 'web'), undefined, 'web identity comes before SSO')
  t.equal(loginOfProfile(config, 'missing'), undefined)
  t.match(loginOfProfile(config, 'role-beside-sso'), { loginProfile: 'c' }, 'the role is assumed first')
  // a chain as long as the CLI follows, and one longer
  const chain = (n: number): AwsConfig => {
    const profiles: Record<string, Record<string, string>> = { p0: sso }
    for (let i = 1; i <= n; i++)
      profiles[`p${i}`] = { role_arn: `arn:aws:iam::1:role/R${i}`, source_profile: `p${i - 1}` }
    return configOf(profiles, { s: { sso_start_url: 'https://s', sso_region: 'eu-west-1' } })
  }
  t.match(loginOfProfile(chain(MAX_CHAIN_LENGTH), `p${MAX_CHAIN_LENGTH}`), { name: 's' })
  t.equal(
    loginOfProfile(chain(MAX_CHAIN_LENGTH + 5), `p${MAX_CHAIN_LENGTH + 5}`),
    undefined,
    'longer than the CLI follows',
  )
})

t.test(
  'listLogins on the fixture: tokens only, named, with profiles and the refresh rule, SSO first then by name',
  async t => {
    const folders = loginFolders({}, HOME)
    const { logins, warnings } = listLogins(fixtureConfig(), folders, LATEST_FIXTURE_NOW)
    t.same(warnings, [])
    t.same(
      logins.map(l => [l.kind, l.name, l.profiles, l.refreshable, l.expired]),
      [
        ['sso', 'corp', ['sso-dev', 'sso-ro'], true, false],
        ['sso', 'https://legacy.awsapps.com/start#/', ['legacy-sso'], false, false],
        ['sso', 'stale', ['sso-stale'], false, true],
        ['console', 'arn:aws:iam::111122223333:user/alice', ['console-admin', 'via-console'], true, false],
      ],
    )
    const corp = logins[0]
    t.same(Object.keys(corp ?? {}), [
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
    ])
    t.match(corp, {
      expiration: '2026-12-02T15:56:35Z',
      registrationExpiration: '2027-03-02T07:56:35Z',
      accountId: null,
      error: null,
    })
    t.match(logins[3], {
      accountId: '111122223333',
      startUrl: null,
      registrationExpiration: null,
      expiration: '2026-12-02T08:10:35Z',
    })
    t.same(logins.map(lapsed), [false, false, true, false])
    // nine hours on: the legacy login has lapsed, corp's renews itself
    const later = listLogins(fixtureConfig(), folders, LATEST_FIXTURE_NOW + 9 * 3600_000).logins
    t.same(later.map(lapsed), [false, true, true, false])
    // with no config, a token is named by its start URL, and one whose key is not its start URL's is an [sso-session]'s
    const bare = listLogins(configOf({}), folders, LATEST_FIXTURE_NOW).logins
    t.same(
      bare.map(l => [l.name, l.profiles, l.refreshable]),
      [
        ['https://corp.awsapps.com/start', [], true],
        ['https://legacy.awsapps.com/start#/', [], false],
        ['https://stale.awsapps.com/start', [], false],
        ['arn:aws:iam::111122223333:user/alice', [], true],
      ],
    )
  },
)
