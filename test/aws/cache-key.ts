import t from 'tap'
import { cacheKeysOf, resolveProfile } from '../../lib/aws/profile-resolution.js'
import { pythonInt } from '../../lib/aws/python-int.js'
import type { Settings } from '../../lib/aws/profiles.js'

// Expected keys: file names the real AWS CLI wrote (reference and fixtures),
// or sha1(json.dumps(...)) computed with Python 3.11.
const settings = (o: Record<string, string>): Settings => Object.assign(Object.create(null), o)
const sessions = new Map([
  ['acme', settings({ sso_start_url: 'https://acme.awsapps.com/start', sso_region: 'us-east-1' })],
])
// the source profiles the cases name exist, with keys of their own
const STATIC = settings({ aws_access_key_id: 'AKIA', aws_secret_access_key: 's' })
const SOURCES = ['base', 'b', 'my-iam-profile', 'a'].map(name => [name, STATIC] as const)
// The profile as a plain `aws` call resolves it when an environment is given
// (it is the profile in use, so web-identity variables count: the last key),
// else as `aws --profile p` does.
const key = (o: Record<string, string>, env?: Record<string, string>) => {
  const profiles = new Map([...SOURCES, ['p', settings(o)]])
  const r = resolveProfile({ profiles, ssoSessions: sessions }, 'p', env ? { ...env, AWS_PROFILE: 'p' } : {})
  return r.kind === 'session' ? { key: cacheKeysOf(r).at(-1) as string, type: r.type } : undefined
}

const ROLE = 'arn:aws:iam::123456789999:role/readonly'

t.test('assume-role profiles (reference examples)', async t => {
  t.same(key({ role_arn: ROLE, source_profile: 'base' }), {
    key: '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69',
    type: 'assume-role',
  })
  t.same(
    key({
      role_arn: 'arn:aws:iam::123456789999:role/developer-role',
      source_profile: 'my-iam-profile',
      role_session_name: 'vwalveranta',
      mfa_serial: 'arn:aws:iam::123456789000:mfa/vwalveranta',
      region: 'us-east-1',
    })?.key,
    'e16b54f656ccb369e72315ccbae6695711f5ba16',
  )
  // credential_source instead of source_profile: same key
  t.equal(key({ role_arn: ROLE, credential_source: 'Environment' })?.key, '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69')
})

t.test('external id and duration (an integer in the JSON)', async t => {
  const o = { role_arn: 'arn:aws:iam::123456789999:role/x', source_profile: 'b', external_id: 'ext-1' }
  t.equal(key({ ...o, duration_seconds: '900' })?.key, '1418af62b8672edffc148daa7974a1bce2730213')
  t.equal(key({ ...o, duration_seconds: '0900' })?.key, '1418af62b8672edffc148daa7974a1bce2730213')
  t.equal(key({ ...o, duration_seconds: '9_00' })?.key, '1418af62b8672edffc148daa7974a1bce2730213')
  // int() fails: botocore leaves DurationSeconds out
  t.equal(key({ ...o, duration_seconds: '15m' })?.key, key(o)?.key)
})

t.test('non-ASCII session names are \\u-escaped before hashing', async t => {
  t.equal(
    key({ role_arn: 'arn:aws:iam::123456789999:role/x', source_profile: 'b', role_session_name: 'jöhn😀' })?.key,
    '36d0941be3470d255530fb0774142c5924397dd3',
  )
  // an empty session name is none (botocore's truth test makes one up): the
  // key of {"RoleArn": …} alone (this said 9ef04840…, the key with an empty name; issue 14 rule 1)
  t.equal(
    key({ role_arn: 'arn:aws:iam::123456789999:role/x', source_profile: 'b', role_session_name: '' })?.key,
    '1ad8ea716a648e633a7db145f1db682d712507d6',
  )
})

t.test('a role profile without exactly one credential source has no session', async t => {
  t.equal(key({ role_arn: ROLE }), undefined)
  t.equal(key({ role_arn: ROLE, source_profile: 'a', credential_source: 'Environment' }), undefined)
})

t.test('web identity: only the role and session name, never MFA or duration', async t => {
  const web = {
    role_arn: 'arn:aws:iam::123456789999:role/web',
    web_identity_token_file: '/tmp/token',
    mfa_serial: 'ignored',
    duration_seconds: '900',
    external_id: 'ignored',
  }
  t.same(key({ ...web, role_session_name: 'ci' }), {
    key: 'c465e9bd61a6dc2f32e3e88c768a9ed4d4e74998',
    type: 'assume-role',
  })
  t.equal(key(web, { AWS_ROLE_SESSION_NAME: 'ci' })?.key, 'c465e9bd61a6dc2f32e3e88c768a9ed4d4e74998')
  t.equal(key({ ...web, role_arn: '' }), undefined)
})

t.test('SSO profiles: sso-session key and legacy start-url key, compact JSON', async t => {
  t.same(key({ sso_session: 'acme', sso_account_id: '111122223333', sso_role_name: 'Developer' }), {
    key: '3bb1ad0606315a2d0327168fa7674d716cba411a',
    type: 'sso',
  })
  t.equal(
    key({
      sso_start_url: 'https://acme.awsapps.com/start',
      sso_region: 'us-east-1',
      sso_account_id: '111122223333',
      sso_role_name: 'Developer',
    })?.key,
    'b5e13dcccd3b7c180af5f7712b68fab2315cdf7e',
  )
  t.equal(key({ sso_session: 'missing', sso_account_id: '1', sso_role_name: 'R' }), undefined)
  t.equal(key({ sso_session: 'acme', sso_account_id: '1' }), undefined)
  t.equal(key({ sso_account_id: '1', sso_role_name: 'R' }), undefined)
})

t.test('static keys and empty profiles have no cached session', async t => {
  t.equal(key({ aws_access_key_id: 'AKIA', aws_secret_access_key: 's' }), undefined)
  t.equal(key({}), undefined)
})

t.test("pythonInt is Python's int() of a str", async t => {
  // each checked with python3.11 int()
  const cases: [string, bigint | undefined][] = [
    ['900', 900n],
    ['９００', 900n],
    ['٩٠٠', 900n],
    ['९००', 900n],
    ['1٢3', 123n],
    ['\u{1d7d7}\u{1d7ce}\u{1d7ce}', 900n],
    [' 9_0_0 ', 900n],
    ['+900', 900n],
    ['-9', -9n],
    ['\u3000900', 900n],
    ['\x85900', 900n],
    ['\u2028 900', 900n],
    ['9__0', undefined],
    ['_9', undefined],
    ['9_', undefined],
    ['900\x1c', undefined],
    ['900\u200b', undefined],
    ['\ufeff900', undefined],
    ['9 0', undefined],
    ['', undefined],
    ['+', undefined],
    ['0x10', undefined],
    ['1'.repeat(4300), BigInt('1'.repeat(4300))],
    ['1'.repeat(4301), undefined],
  ]
  // names in plain ASCII: a U+2028 would break the TAP line
  for (const [text, value] of cases) t.equal(String(pythonInt(text)), String(value), escape(text.slice(0, 20)))
})
