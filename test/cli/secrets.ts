// No secret key or session token anywhere but in the output of env and sql:
// not in list (any form), not in rm/clear/prune reports, not in any error,
// warning or hint, not in --help, not with debugging switched on; and unset
// shows secret variables masked. The cache is full of entries in every state,
// readable or not, each holding secrets that are easy to spot.
import { appendFileSync, chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { removeTestFolder, type ChildResult } from '../helpers/child.js'
import { runInOneChild } from '../helpers/commands-in-one-child.js'
import { giveToNobody, home, writeManyEntries } from '../helpers/corpus.js'
import { cacheDirOf } from '../helpers/home.js'
import { loginCacheKey } from '../../lib/logins/login-cache.js'
import { ssoTokenKey } from '../../lib/logins/sso-cache.js'

const TIMEOUT_MS = 30_000
const isRoot = process.getuid?.() === 0

// Every secret ends in a marker no other text holds, so that a leak of part of one shows too.
let n = 0
const secret = (what: string): string => `${what}-${(++n).toString(36)}-Zq7SECRETxK9`
const MARKER = 'Zq7SECRETxK9'

const h = home()
t.teardown(() => removeTestFolder(h))
const cache = cacheDirOf(h)
const ids: Record<string, string> = {}
const entry = (name: string, text: string | Buffer): void => {
  const id = (Object.keys(ids).length + 1).toString(16).padStart(40, 'a')
  ids[name] = id
  writeFileSync(join(cache, `${id}.json`), text, { mode: 0o600 })
}
const iso = (ms: number): string => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z')
const creds = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  AccessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  SecretAccessKey: secret('secret'),
  SessionToken: secret('token'),
  Expiration: iso(3_600_000),
  ...extra,
})
const json = (c: Record<string, unknown>, rest: Record<string, unknown> = {}): string =>
  JSON.stringify({ Credentials: c, ...rest })

// Entries in every state, each holding secrets.
entry('fresh', json(creds()))
entry('expiring soon', json(creds({ Expiration: iso(300_000) })))
entry('expired', json(creds({ Expiration: iso(-300_000) })))
entry('truncated', json(creds()).slice(0, -30))
entry('expiration garbage', json(creds({ Expiration: `garbage ${secret('in-expiration')}` })))
entry('expiration a number', json(creds({ Expiration: 1795688961 })))
entry('access key missing', json(creds({ AccessKeyId: undefined })))
entry('secret a number, token a secret', json(creds({ SecretAccessKey: 1234 })))
entry('credentials a string', JSON.stringify({ Credentials: secret('credentials-string') }))
entry('NUL in the token', json(creds({ SessionToken: `${secret('token')}\u0000x` })))
entry('line break in the secret', json(creds({ SecretAccessKey: `${secret('secret')}\n${secret('secret')}` })))
entry('invalid UTF-8', Buffer.concat([Buffer.from(json(creds()).slice(0, -3)), Buffer.from([0xff, 0x22, 0x7d, 0x7d])]))
entry('too large', json(creds(), { Padding: 'x'.repeat(2 * 1024 * 1024) }))
entry('no read permission', json(creds()))
chmodSync(join(cache, `${ids['no read permission']}.json`), 0o000)
writeManyEntries(cache, 300)
// the credentials file holds a long-term secret, and one pasted twice on lines of its own
writeFileSync(
  join(h, '.aws', 'credentials'),
  `[my-iam-profile]
aws_access_key_id = AKIAEXAMPLEEXAMPLE00
aws_secret_access_key = ${secret('longterm')}
aws_session_token = ${secret('longterm-token')}
${secret('pasted')}=
${secret('pasted')}=
[my-iam-profile]
aws_secret_access_key = ${secret('duplicate')}
`,
)
// `aws login` sessions: every field of a login file is a secret but the key id
// and the account (the key id is this shell's, so that status finds it)
const LOGIN_KEY_ID = 'ASIAEXAMPLEEXAMPLE99'
const loginDir = join(h, '.aws', 'login', 'cache')
mkdirSync(loginDir, { recursive: true, mode: 0o700 })
const loginFile = (arn: string, data: unknown): void =>
  writeFileSync(join(loginDir, `${loginCacheKey(arn)}.json`), typeof data === 'string' ? data : JSON.stringify(data), {
    mode: 0o600,
  })
const loginData = (expiresAt: string, accessKeyId = 'ASIAEXAMPLEEXAMPLE98') => ({
  accessToken: {
    accessKeyId,
    secretAccessKey: secret('login-secret'),
    sessionToken: secret('login-token'),
    accountId: '111122223333',
    expiresAt,
  },
  tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
  clientId: 'arn:aws:signin:::devtools/same-device',
  refreshToken: secret('login-refresh'),
  idToken: `eyJhbGciOiJFUzI1NiJ9.${secret('login-id-token')}.sig`,
  dpopKey: `-----BEGIN EC PRIVATE KEY-----\n${secret('login-dpop')}\n-----END EC PRIVATE KEY-----\n`,
})
const LOGINS = {
  'login-fresh': loginData(iso(13 * 60_000), LOGIN_KEY_ID),
  'login-expired': loginData(iso(-60_000)),
  'login-truncated': JSON.stringify(loginData(iso(13 * 60_000))).slice(0, -40),
  'login-bad-expiry': {
    ...loginData(iso(0)),
    accessToken: { ...loginData(iso(0)).accessToken, expiresAt: `soon ${secret('login-expiry')}` },
  },
}
for (const [name, data] of Object.entries(LOGINS)) {
  const arn = `arn:aws:iam::111122223333:user/${name}`
  loginFile(arn, data)
  appendFileSync(join(h, '.aws', 'config'), `\n[profile ${name}]\nlogin_session = ${arn}\n`)
}
// The login folders (issue 12): SSO tokens and registrations, aws login
// sessions, in every state, each secret marked; profiles that use them.
const ssoDir = join(h, '.aws', 'sso', 'cache')
mkdirSync(ssoDir, { recursive: true })
const ssoToken = (o: Record<string, unknown> = {}): string =>
  JSON.stringify({
    startUrl: 'https://s.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: secret('sso-access'),
    expiresAt: iso(3_600_000).replace('Z', 'UTC'),
    clientId: 'client-id',
    clientSecret: secret('sso-client'),
    registrationExpiresAt: iso(86_400_000),
    refreshToken: secret('sso-refresh'),
    ...o,
  })
const ssoFile = (name: string, text: string): void => writeFileSync(join(ssoDir, `${name}.json`), text, { mode: 0o600 })
ssoFile(ssoTokenKey('fresh-sso'), ssoToken())
ssoFile(ssoTokenKey('expired-sso'), ssoToken({ expiresAt: iso(-60_000), registrationExpiresAt: iso(-60_000) }))
ssoFile(ssoTokenKey('garbage-sso'), ssoToken({ expiresAt: `soon ${secret('in-expiresAt')}` }))
ssoFile(ssoTokenKey('truncated-sso'), ssoToken().slice(0, -40))
ssoFile(ssoTokenKey('https://legacy.example/start'), ssoToken({ refreshToken: undefined, expiresAt: iso(-60_000) }))
ssoFile(
  '0123456789abcdef0123456789abcdef01234567',
  JSON.stringify({ clientId: 'c', clientSecret: secret('registration'), expiresAt: iso(86_400_000) }),
)
ssoFile(
  'botocore-client-id-eu-west-1',
  JSON.stringify({ clientId: 'c', clientSecret: secret('legacy-registration'), expiresAt: iso(86_400_000) }),
)
writeFileSync(join(ssoDir, `${ssoTokenKey('open-sso')}.json`), ssoToken(), { mode: 0o644 })
const ARN = 'arn:aws:iam::111122223333:user/secret-test'
const jwt = `e30.${Buffer.from(JSON.stringify({ sub: ARN })).toString('base64url')}.${secret('id-signature')}`
const loginSession = (o: Record<string, unknown> = {}, key: Record<string, unknown> = {}): string =>
  JSON.stringify({
    accessToken: {
      accessKeyId: 'ASIALOGINEXAMPLE0001',
      secretAccessKey: secret('login-secret'),
      sessionToken: secret('login-token'),
      accountId: '111122223333',
      expiresAt: iso(600_000),
      ...key,
    },
    tokenType: 'urn:aws:params:oauth:token-type:access_token_sigv4',
    clientId: 'arn:aws:signin:::devtools/same-device',
    refreshToken: secret('login-refresh'),
    idToken: jwt,
    dpopKey: `-----BEGIN EC PRIVATE KEY-----\n${secret('dpop')}\n-----END EC PRIVATE KEY-----\n`,
    ...o,
  })
writeFileSync(join(loginDir, `${loginCacheKey(ARN)}.json`), loginSession(), { mode: 0o640 })
writeFileSync(
  join(loginDir, `${loginCacheKey('arn:aws:iam::1:user/expired')}.json`),
  loginSession({ refreshToken: undefined }, { expiresAt: iso(-60_000) }),
  { mode: 0o600 },
)
writeFileSync(
  join(loginDir, `${loginCacheKey('arn:aws:iam::1:user/garbage')}.json`),
  loginSession({}, { expiresAt: `x ${secret('login-expiresAt')}` }),
  { mode: 0o600 },
)
writeFileSync(join(loginDir, `${loginCacheKey('arn:aws:iam::1:user/truncated')}.json`), loginSession().slice(0, -50), {
  mode: 0o600,
})
const LOGIN_PROFILES = [
  'fresh-sso',
  'expired-sso',
  'garbage-sso',
  'truncated-sso',
  'legacy-sso',
  'open-sso',
  'console',
  'console-expired',
  'console-garbage',
  'console-truncated',
  'via-console',
]
writeFileSync(
  join(h, '.aws', 'config'),
  readFileSync(join(h, '.aws', 'config'), 'utf8') +
    `
${['fresh-sso', 'expired-sso', 'garbage-sso', 'truncated-sso', 'open-sso']
  .map(
    n => `[sso-session ${n}]
sso_start_url = https://s.awsapps.com/start
sso_region = eu-west-1
[profile ${n}]
sso_session = ${n}
sso_account_id = 111122223333
sso_role_name = R
`,
  )
  .join('')}[profile legacy-sso]
sso_start_url = https://legacy.example/start
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = R
[profile console]
login_session = ${ARN}
[profile console-expired]
login_session = arn:aws:iam::1:user/expired
[profile console-garbage]
login_session = arn:aws:iam::1:user/garbage
[profile console-truncated]
login_session = arn:aws:iam::1:user/truncated
[profile via-console]
role_arn = arn:aws:iam::1:role/R
source_profile = console
`,
)
if (isRoot) giveToNobody(h)

const ENV_SECRETS = {
  AWS_SECRET_ACCESS_KEY: secret('env-secret'),
  AWS_SESSION_TOKEN: secret('env-token'),
  AWS_SECURITY_TOKEN: secret('env-security-token'),
  AWS_CONTAINER_AUTHORIZATION_TOKEN: secret('env-container-token'),
  AWS_BEARER_TOKEN_BEDROCK: secret('env-bearer'),
  AWS_SECRET_ACCESS_KEY_OLD: secret('env-old'),
}
const env = {
  PATH: '/usr/bin:/bin',
  HOME: h,
  LANG: 'C.UTF-8',
  ...ENV_SECRETS,
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE99',
  // whatever a debugging switch could print
  DEBUG: '*',
  NODE_DEBUG: 'fs,module,net,stream',
}

const COMMANDS = ['list', 'env', 'sql', 'console', 'rm', 'clear', 'prune', 'unset', 'init', 'profiles']
const RUNS: string[][] = [
  ['list'],
  ['list', '--json'],
  ['list', '--all'],
  ['list', '--all', '--json'],
  ['list', '--no-color', '--all'],
  ['clear', '--dry-run', '--json'],
  ['prune', '--dry-run', '--json', '--unreadable', '--within', '2h'],
  ['rm', '--dry-run', '--json', ...Object.values(ids)],
  ['rm', '--dry-run', 'no-such-profile', 'my-iam-profile'],
  ['profiles'],
  ['init', 'bash'],
  ['unset'],
  ['unset', '--all'],
  ['unset', '--all', '--format', 'fish'],
  ['unset', '--format', 'powershell'],
  ['--help'],
  ['--version'],
  ['help'],
  ...COMMANDS.map(c => [c, '--help']),
  ['list', '--bogus'],
  ['env'],
  ['env', 'x', '--format', 'nope'],
  ['prune', '--within', 'soon'],
  ['nope'],
  // every entry through env and sql: only a successful one may print its own secrets, on stdout
  ...Object.values(ids).flatMap(id => [
    ['env', id],
    ['env', id, '--format', 'dotenv'],
    ['sql', id],
    ['sql', id, '--dialect', 'redshift-credentials'],
  ]),
  ['env', 'my-iam-profile'],
  ['sql', 'no-such-profile'],
  // aws login sessions: exported only by env and sql (exec's child alone gets them)
  ['status'],
  ['status', '--json'],
  ['clear', '--dry-run'],
  ...Object.keys(LOGINS).flatMap(name => [
    ['env', name],
    ['env', name, '--format', 'json'],
    ['sql', name],
    ['rm', name],
    ['rm', '--dry-run', '--json', name],
    ['exec', name, '--', 'true'],
  ]),
  // the login folders: every login, every profile's, every form
  ['logins'],
  ['logins', '--all'],
  ['logins', '--json'],
  ['logins', '--all', '--json'],
  ['logins', '--help'],
  ...LOGIN_PROFILES.flatMap(p => [
    ['logins', p],
    ['logins', p, '--json'],
  ]),
]

interface Done {
  args: string[]
  r: ChildResult
}

const printsCredentials = (args: string[]): boolean => args[0] === 'env' || args[0] === 'sql'

t.test('no secret in any output but a successful env or sql, nor on stderr, ever', async t => {
  t.comment(`${RUNS.length} runs, with DEBUG=* and NODE_DEBUG set`)
  // one process runs them all, in this order (NODE_DEBUG's output goes with every run)
  const results = await runInOneChild(RUNS, {
    env,
    timeoutMs: TIMEOUT_MS,
    ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
  })
  const done = RUNS.map((args, i): Done => ({ args, r: results[i] as ChildResult }))
  for (const { args, r } of done) {
    const what = `awscache ${args.join(' ')} (exit ${r.code})`
    t.notOk(r.stderr.includes(MARKER), `${what}: no secret on stderr`)
    if (!printsCredentials(args) || r.code !== 0) t.notOk(r.stdout.includes(MARKER), `${what}: no secret on stdout`)
  }
  // the login runs read what they were meant to (else they would prove nothing)
  const run = (line: string): ChildResult | undefined => done.find(d => d.args.join(' ') === line)?.r
  t.match(run('logins --all --json')?.stdout, /fresh-sso[\s\S]*secret-test/, 'logins saw both folders')
  t.equal(run('logins console')?.code, 0, 'a console login read')
  t.equal(run('logins fresh-sso')?.code, 0, 'an SSO login read')
  t.equal(run('logins expired-sso')?.code, 4)
  t.match(run('logins')?.stderr, /SSO login file .*mode 0644/, 'the open file warned about')
  // the exports that may print secrets print only their own entry's
  const fresh = done.find(d => d.args.join(' ') === `env ${ids.fresh}`)
  t.equal(fresh?.r.code, 0, 'the fresh entry is exported')
  t.equal(fresh?.r.stdout.match(new RegExp(MARKER, 'g'))?.length, 2, 'with exactly its secret key and token')
  // a login exports its key and token, never its refresh token, id token or private key
  for (const args of [
    ['env', 'login-fresh'],
    ['sql', 'login-fresh'],
  ]) {
    const login = done.find(d => d.args.join(' ') === args.join(' '))
    t.equal(login?.r.code, 0, `${args.join(' ')} is exported`)
    t.equal(
      login?.r.stdout.match(new RegExp(MARKER, 'g'))?.length,
      2,
      `${args.join(' ')}: with exactly its secret key and token`,
    )
    t.notMatch(login?.r.stdout ?? '', /login-(refresh|id-token|dpop)/)
  }
  const status = done.find(d => d.args.join(' ') === 'status --json')
  t.match(
    JSON.parse(status?.r.stdout || '{}'),
    { type: 'login', profiles: ['login-fresh'] },
    'status finds the login by its key id, and shows no secret',
  )
})

t.test('unset shows every secret-sounding variable masked, the others in full', async t => {
  const runs = [['unset'], ['unset', '--all']]
  const results = await runInOneChild(runs, { env, timeoutMs: TIMEOUT_MS })
  for (const [i, args] of runs.entries()) {
    const r = results[i] as ChildResult
    t.equal(r.code, 0)
    t.notOk(r.stderr.includes(MARKER) || r.stdout.includes(MARKER), `${args.join(' ')}: no secret value`)
    const shown = args.includes('--all')
      ? Object.keys(ENV_SECRETS)
      : ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']
    for (const name of shown) {
      const value = ENV_SECRETS[name as keyof typeof ENV_SECRETS]
      t.match(
        r.stderr,
        new RegExp(`^  ${name} +\\(hidden, ${value.length} characters\\)$`, 'm'),
        `${args.join(' ')}: ${name} masked`,
      )
    }
    t.match(r.stderr, /^ {2}AWS_ACCESS_KEY_ID +ASIAEXAMPLEEXAMPLE99$/m, 'an access key id is not a secret: shown')
  }
})
