// An `aws login` profile (login_session) in botocore's provider order
// (ProfileProviderBuilder.providers of the newest CLI v2): assume role, web
// identity and SSO come first, then static keys in the credentials file, then
// the login; keys in the config file come after it. The index maps a login
// file (SHA-256 of the ARN) to every profile whose login_session it is.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loginCacheKey } from '../../lib/logins/login-cache.js'
import { indexProfiles, profilesByKey, profilesByLoginKey } from '../../lib/aws/profile-index.js'
import { loginKeyOf } from '../../lib/aws/profile-resolution.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { tempFolder } from '../helpers/temp.js'

const ALICE = 'arn:aws:iam::111122223333:user/alice'
const BOB = 'arn:aws:sts::111122223333:assumed-role/Admin/bob'

const CONFIG = `[profile console]
region = us-west-2
login_session = ${ALICE}

[profile console-too]
login_session = ${ALICE}

[profile bob]
login_session = ${BOB}

[profile empty-login]
login_session =

[profile role-and-login]
role_arn = arn:aws:iam::111122223333:role/x
source_profile = console
login_session = ${BOB}

[profile sso-and-login]
sso_start_url = https://x.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = R
login_session = ${BOB}

[profile config-keys-and-login]
aws_access_key_id = AKIAEXAMPLEEXAMPLE01
aws_secret_access_key = config-file-secret
login_session = ${BOB}

[profile creds-keys-and-login]
login_session = ${BOB}

[profile creds-secret-only]
login_session = ${BOB}

[profile login-in-credentials]
region = eu-west-1
`

const CREDENTIALS = `[creds-keys-and-login]
aws_access_key_id = AKIAEXAMPLEEXAMPLE02
aws_secret_access_key = credentials-file-secret

[creds-secret-only]
aws_secret_access_key = credentials-file-secret

[login-in-credentials]
login_session = ${ALICE}
`

const dir = tempFolder('awscache-login-resolution-')
writeFileSync(join(dir, 'config'), CONFIG)
writeFileSync(join(dir, 'credentials'), CREDENTIALS)
const config = loadAwsConfig({ configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') })
const index = indexProfiles(config, {})
const kindOf = (name: string) => index.resolutions.get(name)?.kind

t.test('the files are ones the CLI reads', async t => {
  t.same(config.warnings, [])
  t.same(
    [...config.credentialsFileKeys].sort(),
    ['creds-keys-and-login'],
    'only aws_access_key_id counts (a presence test)',
  )
})

t.test('a login profile resolves to its login ARN and the SHA-256 file key, with its settings', async t => {
  const r = index.resolutions.get('console')
  t.match(r, { kind: 'login', loginArn: ALICE })
  t.equal(r?.kind === 'login' ? loginKeyOf(r) : undefined, loginCacheKey(ALICE))
  t.equal(r?.kind === 'login' ? r.settings.region : undefined, 'us-west-2')
  const empty = index.resolutions.get('empty-login')
  t.match(empty, { kind: 'login', loginArn: '' }, 'present but empty: still the login provider')
  t.equal(empty?.kind === 'login' ? loginKeyOf(empty) : undefined, loginCacheKey(''))
  t.match(
    index.resolutions.get('login-in-credentials'),
    { kind: 'login', loginArn: ALICE },
    'login_session from the credentials file',
  )
})

t.test('the providers before the login win: assume role, SSO, keys in the credentials file', async t => {
  t.equal(kindOf('role-and-login'), 'session')
  t.match(index.resolutions.get('sso-and-login'), { kind: 'session', type: 'sso' })
  t.match(index.resolutions.get('creds-keys-and-login'), {
    kind: 'none',
    reason: /static keys in the credentials file/,
  })
})

t.test(
  'the providers after the login lose: keys in the config file; a secret alone in the credentials file',
  async t => {
    t.match(index.resolutions.get('config-keys-and-login'), { kind: 'login', loginArn: BOB })
    t.match(index.resolutions.get('creds-secret-only'), { kind: 'login', loginArn: BOB })
  },
)

t.test('a login file maps to every profile whose login_session hashes to it, and to no role entry', async t => {
  const byLogin = profilesByLoginKey(index)
  t.same(byLogin.get(loginCacheKey(ALICE)), ['console', 'console-too', 'login-in-credentials'])
  t.same(byLogin.get(loginCacheKey(BOB)), ['bob', 'config-keys-and-login', 'creds-secret-only'])
  t.notOk(profilesByKey(index).has(loginCacheKey(ALICE)), 'not a role-session key')
  t.notOk([...byLogin.values()].flat().includes('role-and-login'))
})

t.test('the profile in use resolves to its login too, with or without web identity variables', async t => {
  const inUse = indexProfiles(config, { AWS_PROFILE: 'console' })
  t.match(inUse.resolutions.get('console'), { kind: 'login', loginArn: ALICE })
  // a web identity from the environment is a session: it wins, as a plain `aws` call would use it
  const web = indexProfiles(config, {
    AWS_PROFILE: 'console',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/t',
    AWS_ROLE_ARN: 'arn:aws:iam::1:role/w',
  })
  t.match(web.resolutions.get('console'), { kind: 'session' })
})
