// The hostile-input corpus: each case builds a HOME (or an environment) that
// is wrong in one way, from a HOME the real AWS CLI v2 wrote. The big inputs
// (a 50 MB entry, a 4 MB config, thousands of entries) are generated here at
// test time, in a temporary folder: nothing big is committed.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cacheDirOf, fixtureHome, latestFixtureHome } from './home.js'
import { mkfifoSync } from './fifo.js'
import { prng } from './prng.js'
import { tempFolder } from './temp.js'

export const READONLY_ID = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'
const MB = 1024 * 1024

/** The commands every case goes through, in this order: the ones that remove files last. */
export const COMMANDS = [
  ['list'],
  ['list', '--json'],
  ['list', '--all'],
  ['env', '@', '--format', 'sh'],
  ['env', '@', '--format', 'fish'],
  ['env', '@', '--format', 'powershell'],
  ['env', '@', '--format', 'dotenv'],
  ['env', '@', '--format', 'json'],
  ['sql', '@'],
  ['clear', '--dry-run'],
  ['prune', '--dry-run'],
  ['unset'],
  ['profiles'],
  ['init', 'bash'],
  // the login folders (issue 12): sso-dev's SSO login is read by list too
  ['logins', '--all'],
  ['rm', '@'],
  ['prune', '--unreadable'],
] as const

export type Command = (typeof COMMANDS)[number]
/** "env --format sh", "list --json": a command without its target */
export const commandName = (c: Command): string => c.filter(w => w !== '@').join(' ')

export type Code = 0 | 1 | 2 | 3 | 4

/** Checks reported on their own, beside the core ones, so that a failure says which rule broke. */
export type Check = 'internal-error' | 'control-characters' | 'message-lines'

export interface Built {
  /** the child's whole environment (PATH and LANG are added) */
  env: Record<string, string>
  /** the cache folder, to count entries */
  cacheDir: string
  /** the `aws login` session folder, when the case has one: its secrets are planted too */
  loginCacheDir?: string
  /** the temporary folder that holds it all: removed afterwards (HOME when not given) */
  root?: string
  /** run as nobody when the tests run as root: root reads everything */
  asNobody?: boolean
}

export interface CorpusCase {
  name: string
  build: () => Built
  /** the name env/sql/rm are given */
  target: string
  /** exit code of env and sql (every format) */
  use: Code
  /** per-command exit codes that differ from the defaults */
  exits?: Partial<Record<string, Code>>
  /** slow to run: started first, so that it does not make the tail of the run */
  slow?: boolean
}

// ---------------------------------------------------------------- building blocks

/** A copy of the real CLI v2 HOME, its sessions good for an hour, modes as the CLI sets them. */
export const home = (): string => fixtureHome('aws-cli-v2-home')

const entryFile = (h: string, id = READONLY_ID): string => join(cacheDirOf(h), `${id}.json`)

const realEntry = (h: string): Record<string, unknown> =>
  JSON.parse(readFileSync(entryFile(h), 'utf8')) as Record<string, unknown>

const homeEnv = (h: string, extra: Record<string, string> = {}): Built => ({
  env: { HOME: h, ...extra },
  cacheDir: cacheDirOf(h),
})

/** The readonly profile's entry replaced by `content`. */
const entryIs = (content: string | Buffer | ((h: string) => string | Buffer)) => (): Built => {
  const h = home()
  const file = entryFile(h)
  writeFileSync(file, typeof content === 'function' ? content(h) : content)
  return homeEnv(h)
}

/** The readonly profile's entry, as JSON, changed by `change`. */
const entryWith = (change: (entry: Record<string, unknown>, credentials: Record<string, unknown>) => void) =>
  entryIs(h => {
    const e = realEntry(h)
    change(e, e.Credentials as Record<string, unknown>)
    return JSON.stringify(e)
  })

/** The readonly profile's entry path replaced by something else than a file. */
const entryPathIs = (make: (file: string, h: string) => void) => (): Built => {
  const h = home()
  const file = entryFile(h)
  rmSync(file)
  make(file, h)
  return homeEnv(h)
}

const configFile = (h: string): string => join(h, '.aws', 'config')
const credentialsFile = (h: string): string => join(h, '.aws', 'credentials')

const configIs =
  (content: (original: string) => string | Buffer, which: 'config' | 'credentials' = 'config') =>
  (): Built => {
    const h = home()
    const file = which === 'config' ? configFile(h) : credentialsFile(h)
    writeFileSync(file, content(readFileSync(file, 'utf8')))
    return homeEnv(h)
  }

const configPathIs =
  (make: (file: string) => void, which: 'config' | 'credentials' = 'config') =>
  (): Built => {
    const h = home()
    const file = which === 'config' ? configFile(h) : credentialsFile(h)
    rmSync(file)
    make(file)
    return homeEnv(h)
  }

/** Writes `size` bytes made of `chunk` repeated, without holding them all in memory. */
const writeBig = (file: string, size: number, chunk: Buffer): void => {
  const fd = openSync(file, 'w', 0o600)
  try {
    for (let written = 0; written < size; written += chunk.length)
      writeSync(fd, chunk, 0, Math.min(chunk.length, size - written))
  } finally {
    closeSync(fd)
  }
}

// A valid entry, as the CLI writes it, with values of our choosing.
const entryText = (
  accessKeyId: string,
  secret: string,
  token: string,
  expiration: string,
  roleName = 'generated',
): string =>
  JSON.stringify({
    Credentials: { AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: token, Expiration: expiration },
    AssumedRoleUser: {
      AssumedRoleId: `AROAEXAMPLE:${roleName}`,
      Arn: `arn:aws:sts::123456789012:assumed-role/${roleName}/s`,
    },
  })

const isoIn = (ms: number): string => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z')

const hex40 = (n: number): string => n.toString(16).padStart(40, '0')

/**
 * `count` entries in `dir`, valid ones of made-up roles (every 7th expired),
 * every 10th broken; returns the secrets written.
 */
export const writeManyEntries = (dir: string, count: number): string[] => {
  const r = prng(7)
  const secrets: string[] = []
  for (let i = 0; i < count; i++) {
    const file = join(dir, `${hex40(i + 1)}.json`)
    if (i % 10 === 9) writeFileSync(file, r.bytes(r.int(0, 300)))
    else {
      const expires = isoIn(i % 7 === 0 ? -3_600_000 : 3_600_000)
      const secret = `secret-${r.bytes(20).toString('base64')}`
      const token = `token-${r.bytes(200).toString('base64')}`
      secrets.push(secret, token)
      writeFileSync(file, entryText(`ASIA${String(i).padStart(16, '0')}`, secret, token, expires, `role-${i}`), {
        mode: 0o600,
      })
    }
  }
  return secrets
}

// Thousands of entries, besides the real ones.
const thousands = (): Built => {
  const h = home()
  writeManyEntries(cacheDirOf(h), 1500)
  return homeEnv(h)
}

// 4 MB of config (the largest read is 16 MB; a 10 MB one cost each of the 17
// commands 2 s of reading, for nothing more to see): 24k made-up profiles,
// long runs of white space (which used to take quadratic time), a 1 MB line,
// then the real config. The profiles chain roles in runs of ten: chains of
// thousands, each walked to awscache's bound of 130 roles, are
// test/aws/profile-resolution.ts's.
const fourMegabyteConfig = (original: string): string => {
  const parts: string[] = []
  let size = 0
  const add = (s: string): void => {
    parts.push(s)
    size += s.length
  }
  add(`[profile spaces]\nk = a${' \t'.repeat(250_000)}b\nnot an option${' '.repeat(250_000)}x\n`)
  add(`[profile long-line]\nrole_arn = ${'x'.repeat(MB)}\nsource_profile = long-line\n`)
  for (let i = 0; size < 4 * MB - original.length; i++) {
    const role = i % 10 === 9 ? '' : `role_arn = arn:aws:iam::123456789012:role/r${i}\nsource_profile = p${i + 1}\n`
    add(`[profile p${i}]\n${role}region = us-east-1\n\n`)
  }
  return parts.join('') + original
}

const loops = (original: string): string =>
  `${original}
[profile loop-a]
role_arn = arn:aws:iam::123456789012:role/a
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::123456789012:role/b
source_profile = loop-a

[profile loop-self]
role_arn = arn:aws:iam::123456789012:role/self
source_profile = loop-self
`

const garbage = (original: string): Buffer =>
  Buffer.concat([
    Buffer.from(`${original}\n[\n]]]\n=\n= value\n[profile "unterminated]\n[profile a b c]\n[]\n`),
    prng(11).bytes(2000),
    Buffer.from('\n\0\0\0\n[profile nul\0name]\nregion = \0\n\x1b[31mred\x1b[0m = x\n'),
    // invalid UTF-8
    Buffer.from([0xc3, 0x28, 0xff, 0x0a]),
  ])

/** Everything under `root` (a temporary folder of the tests) now belongs to nobody, who meets the modes root ignores. */
export const giveToNobody = (root: string): void => {
  if (!root.startsWith(join(tmpdir(), 'awscache-'))) throw new Error(`refusing to give ${root} away: not a test folder`)
  const walk = (path: string): void => {
    const st = lstatSync(path)
    if (!st.isSymbolicLink()) chownSync(path, 65534, 65534)
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(root)
}

// ---------------------------------------------------------------- the cases

const CACHE_COMMANDS = ['list', 'list --json', 'list --all', 'clear --dry-run', 'prune --dry-run', 'prune --unreadable']

/** Exit 1 for every command that reads the cache folder as a whole. */
const cacheFolderFails = (extra: Partial<Record<string, Code>> = {}): Partial<Record<string, Code>> => ({
  ...Object.fromEntries(CACHE_COMMANDS.map(c => [c, 1 as Code])),
  ...extra,
})

// the commands that open one entry by its name rather than list the folder

// ---------------------------------------------------------------- aws login sessions

const LOGIN_ID = '5778c30d3fe8c123cb2ab0d5a82c81b6fdcedfb868a6625f6f5bf6f05a7f129b'

/** The newest CLI's home (profile console-admin uses an aws login), its login file replaced by `make`. */
const loginFileIs = (make: (file: string, original: string) => void) => (): Built => {
  const h = latestFixtureHome(0)
  const loginCacheDir = join(h, '.aws', 'login', 'cache')
  const file = join(loginCacheDir, `${LOGIN_ID}.json`)
  const original = readFileSync(file, 'utf8')
  rmSync(file)
  make(file, original)
  return { ...homeEnv(h), loginCacheDir }
}

const loginWith = (change: (token: Record<string, unknown>) => void) =>
  loginFileIs((file, original) => {
    const data = JSON.parse(original) as { accessToken: Record<string, unknown> }
    change(data.accessToken)
    writeFileSync(file, JSON.stringify(data), { mode: 0o600 })
  })

// every command but rm (exit 3: awscache never removes a login) as for an unreadable entry
const LOGIN_CASES: CorpusCase[] = [
  {
    name: 'login: symbolic link to /dev/zero',
    build: loginFileIs(file => symlinkSync('/dev/zero', file)),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: FIFO',
    build: loginFileIs(file => mkfifoSync(file)),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: 2 MB file (a huge token)',
    build: loginFileIs((file, original) =>
      writeFileSync(file, original.replace('"sessionToken": "', `"sessionToken": "${'T'.repeat(2 * MB)}`), {
        mode: 0o600,
      }),
    ),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: not JSON',
    build: loginFileIs((file, original) => writeFileSync(file, original.slice(0, 200), { mode: 0o600 })),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: expiresAt garbage',
    build: loginWith(token => (token.expiresAt = 'when the login ends')),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: expiresAt a number',
    build: loginWith(token => (token.expiresAt = 1795688961)),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
  {
    name: 'login: expired key',
    build: loginWith(token => (token.expiresAt = '2001-01-01T00:00:00Z')),
    target: 'console-admin',
    use: 4,
    exits: { rm: 3 },
  },
  {
    name: 'login: secretAccessKey missing',
    build: loginWith(token => delete token.secretAccessKey),
    target: 'console-admin',
    use: 1,
    exits: { rm: 3 },
  },
]

// ---------------------------------------------------------------- the login folders

// sso-dev's SSO login (the [sso-session] acme), as the CLI v2 fixture holds it
const SSO_TOKEN = '293abb6b76d7791c0732cc517d38c4b5c734b87f'
const ssoDirOf = (h: string): string => join(h, '.aws', 'sso', 'cache')
const ssoTokenFile = (h: string): string => join(ssoDirOf(h), `${SSO_TOKEN}.json`)
const loginDirOf = (h: string): string => join(h, '.aws', 'login', 'cache')

/** sso-dev's SSO token replaced by `content`, with secrets of its own. */
const ssoTokenIs = (content: string | Buffer | ((token: string) => string | Buffer)) => (): Built => {
  const h = home()
  const token = readFileSync(ssoTokenFile(h), 'utf8').replace(
    /"accessToken": "[^"]*"/,
    '"accessToken": "aoaSSOACCESSTOKENSECRET0001"',
  )
  writeFileSync(ssoTokenFile(h), typeof content === 'function' ? content(token) : content)
  return homeEnv(h)
}

/** sso-dev's SSO token path replaced by something else than a file. */
const ssoTokenPathIs = (make: (file: string, h: string) => void) => (): Built => {
  const h = home()
  rmSync(ssoTokenFile(h))
  make(ssoTokenFile(h), h)
  return homeEnv(h)
}

/** An aws login session file of a profile of its own, made by `make`. */
const loginFolderFileIs = (make: (file: string) => void) => (): Built => {
  const h = home()
  const arn = 'arn:aws:iam::111122223333:user/hostile'
  writeFileSync(configFile(h), `${readFileSync(configFile(h), 'utf8')}\n[profile console]\nlogin_session = ${arn}\n`)
  mkdirSync(loginDirOf(h), { recursive: true })
  make(join(loginDirOf(h), `${createHash('sha256').update(arn).digest('hex')}.json`))
  return homeEnv(h)
}

const LOGIN_SESSION = JSON.stringify({
  accessToken: {
    accessKeyId: 'ASIALOGINHOSTILE0001',
    secretAccessKey: 'LOGINSECRETACCESSKEY0001',
    sessionToken: 'LOGINSESSIONTOKEN00001',
    accountId: '111122223333',
    expiresAt: '2026-12-02T08:10:46Z',
  },
  refreshToken: 'LOGINREFRESHTOKEN00001',
  idToken: 'e30.e30.LOGINIDTOKENSIG0001',
  dpopKey: '-----BEGIN EC PRIVATE KEY-----\nLOGINPRIVATEKEY0001\n-----END EC PRIVATE KEY-----\n',
})

const LOGIN_FOLDER_CASES: CorpusCase[] = [
  { name: 'sso token: empty file', build: ssoTokenIs(''), target: 'sso-dev', use: 0 },
  { name: 'sso token: truncated JSON', build: ssoTokenIs(t => t.slice(0, 120)), target: 'sso-dev', use: 0 },
  {
    name: 'sso token: expiresAt garbage',
    build: ssoTokenIs(t => t.replace(/"expiresAt": "[^"]*"/, '"expiresAt": "\u001b[2Jsoon"')),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: terminal escapes in its start URL',
    build: ssoTokenIs(t => t.replace(/"startUrl": "[^"]*"/, '"startUrl": "https://x/\u001b]0;title\u0007\u001b[31m"')),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: a client registration under its name',
    build: ssoTokenIs(
      '{"clientId": "c", "clientSecret": "SSOCLIENTSECRET000001", "expiresAt": "2027-01-01T00:00:00Z"}',
    ),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: 2 MB',
    build: ssoTokenIs(t => t.replace('{', `{"pad": "${'x'.repeat(2 * MB)}", `)),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: a FIFO (must not hang)',
    build: ssoTokenPathIs(file => execFileSync('mkfifo', [file])),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: symbolic link to /dev/zero',
    build: ssoTokenPathIs(file => symlinkSync('/dev/zero', file)),
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: no read permission',
    build: () => {
      const h = home()
      chmodSync(ssoTokenFile(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso folder: no permission to list it',
    build: () => {
      const h = home()
      chmodSync(ssoDirOf(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'sso token: readable by others',
    build: () => {
      const h = home()
      chmodSync(ssoTokenFile(h), 0o644)
      return homeEnv(h)
    },
    target: 'sso-dev',
    use: 0,
  },
  {
    name: 'login session: truncated JSON',
    build: loginFolderFileIs(f => writeFileSync(f, LOGIN_SESSION.slice(0, 200))),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'login session: a FIFO (must not hang)',
    build: loginFolderFileIs(f => execFileSync('mkfifo', [f])),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'login session: valid, readable by others',
    build: loginFolderFileIs(f => writeFileSync(f, LOGIN_SESSION, { mode: 0o644 })),
    target: 'readonly',
    use: 0,
  },
]

export const CASES: CorpusCase[] = [
  ...LOGIN_CASES,
  ...LOGIN_FOLDER_CASES,
  // ------------------------------------------------------------ entries
  { name: 'entry: empty file', build: entryIs(''), target: 'readonly', use: 1 },
  {
    name: 'entry: truncated JSON',
    build: entryIs(h => readFileSync(entryFile(h), 'utf8').slice(0, 300)),
    target: 'readonly',
    use: 1,
  },
  { name: 'entry: not JSON', build: entryIs('Credentials: yes please\n'), target: 'readonly', use: 1 },
  { name: 'entry: binary', build: entryIs(prng(3).bytes(4096)), target: 'readonly', use: 1 },
  // Python's json.load refuses a BOM too: the AWS CLI itself cannot use this entry
  {
    name: 'entry: UTF-8 byte-order mark',
    build: entryIs(h => `\ufeff${readFileSync(entryFile(h), 'utf8')}`),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: invalid UTF-8',
    build: entryIs(h =>
      Buffer.concat([
        Buffer.from(readFileSync(entryFile(h), 'utf8').slice(0, -2)),
        Buffer.from([0xff, 0xfe, 0x22, 0x7d]),
      ]),
    ),
    target: 'readonly',
    use: 1,
  },
  { name: 'entry: JSON array', build: entryIs('[{"Credentials": {}}]'), target: 'readonly', use: 1 },
  {
    name: 'entry: deeply nested JSON',
    build: entryIs(`{"Credentials": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`),
    target: 'readonly',
    use: 1,
  },
  { name: 'entry: Credentials missing', build: entryWith(e => delete e.Credentials), target: 'readonly', use: 1 },
  { name: 'entry: Credentials null', build: entryWith(e => (e.Credentials = null)), target: 'readonly', use: 1 },
  {
    name: 'entry: Credentials a string',
    build: entryWith(e => (e.Credentials = 'AccessKeyId')),
    target: 'readonly',
    use: 1,
  },
  ...(['AccessKeyId', 'SecretAccessKey', 'SessionToken'] as const).map((field): CorpusCase => ({
    name: `entry: ${field} missing`,
    build: entryWith((_, c) => delete c[field]),
    target: 'readonly',
    use: 1,
  })),
  // each field is checked alike: one wrong kind of value per field
  {
    name: 'entry: SecretAccessKey empty',
    build: entryWith((_, c) => (c.SecretAccessKey = '')),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: SessionToken a number',
    build: entryWith((_, c) => (c.SessionToken = 12345678901234567890)),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: AccessKeyId an object',
    build: entryWith((_, c) => (c.AccessKeyId = { value: 'ASIA' })),
    target: 'readonly',
    use: 1,
  },
  { name: 'entry: Expiration missing', build: entryWith((_, c) => delete c.Expiration), target: 'readonly', use: 1 },
  {
    name: 'entry: Expiration garbage',
    build: entryWith((_, c) => (c.Expiration = 'next Tuesday')),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: Expiration a number',
    build: entryWith((_, c) => (c.Expiration = 1795688961)),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: Expiration far past',
    build: entryWith((_, c) => (c.Expiration = '1970-01-01T00:00:00Z')),
    target: 'readonly',
    use: 4,
  },
  {
    name: 'entry: Expiration far future',
    build: entryWith((_, c) => (c.Expiration = '9999-12-31T23:59:59+00:00')),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'entry: expires in 5 minutes (a warning, still printed)',
    build: entryWith((_, c) => (c.Expiration = isoIn(300_000))),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'entry: shell, SQL and terminal syntax in every field',
    build: entryWith((e, c) => {
      c.AccessKeyId = 'ASIA\'$(touch /tmp/awscache-pwned)`id`"\\'
      c.SecretAccessKey = "'; rm -rf ~; echo '\n\x1b]0;title\x07\x1b[2J"
      c.SessionToken = "tok'en\\'; DROP TABLE x; --\r\n$HOME ${HOME} %s %n"
      e.AssumedRoleUser = { Arn: 'arn:aws:sts::123456789012:assumed-role/\x1b[31mred/\x1b[2Jsession' }
    }),
    target: 'readonly',
    use: 0,
    // dotenv has no quoting: a line break is refused
    exits: { 'env --format dotenv': 1 },
  },
  {
    name: 'entry: NUL (\\u0000) in the session token',
    build: entryWith((_, c) => (c.SessionToken = 'before\u0000after')),
    target: 'readonly',
    use: 1,
    // the credential_process JSON carries it as \u0000
    exits: { 'env --format json': 0 },
  },
  {
    name: 'entry: lone UTF-16 surrogate (\\ud800) in the secret key',
    build: entryIs(h =>
      readFileSync(entryFile(h), 'utf8').replace(/"SecretAccessKey": "/, '"SecretAccessKey": "\\ud800'),
    ),
    target: 'readonly',
    use: 1,
    exits: { 'env --format json': 0 },
  },
  {
    name: 'entry: 900 kB session token (under the size limit)',
    build: entryWith((_, c) => (c.SessionToken = 'T'.repeat(900_000))),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'entry: 50 MB file',
    build: () => {
      const h = home()
      writeBig(
        entryFile(h),
        50 * MB,
        Buffer.from(`{"Credentials": {"AccessKeyId": "ASIA", "pad": "${'x'.repeat(64 * 1024)}`),
      )
      return homeEnv(h)
    },
    target: 'readonly',
    use: 1,
  },
  { name: 'entry: a folder named <id>.json', build: entryPathIs(file => mkdirSync(file)), target: 'readonly', use: 1 },
  {
    name: 'entry: a FIFO named <id>.json (must not hang)',
    build: entryPathIs(file => execFileSync('mkfifo', [file])),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: symbolic link to /dev/zero',
    build: entryPathIs(file => symlinkSync('/dev/zero', file)),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: symbolic link to a missing file',
    build: entryPathIs(file => symlinkSync(`${file}.gone`, file)),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: symbolic link to itself',
    build: entryPathIs(file => symlinkSync(file, file)),
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: no read permission',
    build: () => {
      const h = home()
      chmodSync(entryFile(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'readonly',
    use: 1,
  },
  {
    name: 'entry: file names with control characters',
    build: () => {
      const h = home()
      writeFileSync(join(cacheDirOf(h), '\x1b]0;pwned\x07\x1b[2J\nfake: line.json'), 'not json')
      return homeEnv(h)
    },
    target: 'readonly',
    use: 0,
  },
  {
    name: 'entry: thousands of entries (some expired, some broken)',
    build: thousands,
    target: 'readonly',
    use: 0,
    slow: true,
  },

  // ------------------------------------------------------------ the cache folder
  {
    name: 'cache folder: missing',
    build: () => {
      const h = home()
      rmSync(cacheDirOf(h), { recursive: true })
      return homeEnv(h)
    },
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'cache folder: a file',
    build: () => {
      const h = home()
      rmSync(cacheDirOf(h), { recursive: true })
      writeFileSync(cacheDirOf(h), '{}')
      return homeEnv(h)
    },
    target: 'readonly',
    use: 3,
    exits: cacheFolderFails({ rm: 3 }),
  },
  {
    name: 'cache folder: not readable',
    build: () => {
      const h = home()
      chmodSync(cacheDirOf(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'readonly',
    // the profile's entry is opened by name: the folder cannot be searched either
    use: 1,
    exits: cacheFolderFails({ rm: 1 }),
  },
  {
    name: 'cache folder: readable but not searchable (mode 0444)',
    build: () => {
      const h = home()
      chmodSync(cacheDirOf(h), 0o444)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'readonly',
    use: 1,
    // the names can be listed, the files not opened: each entry is unreadable, which is never fatal
    // to a listing; removing one fails
    exits: { rm: 1, 'prune --unreadable': 1 },
  },
  {
    name: 'cache folder: a symbolic link to itself',
    build: () => {
      const h = home()
      rmSync(cacheDirOf(h), { recursive: true })
      symlinkSync(cacheDirOf(h), cacheDirOf(h))
      return homeEnv(h)
    },
    target: 'readonly',
    use: 1,
    exits: cacheFolderFails({ rm: 1 }),
  },
  {
    name: 'cache folder: sub-folders, *.tmp files, other files',
    build: () => {
      const h = home()
      const dir = cacheDirOf(h)
      mkdirSync(join(dir, 'sub.json'))
      writeFileSync(join(dir, 'sub.json', `${READONLY_ID}.json`), '{}')
      writeFileSync(join(dir, `${READONLY_ID}.json.tmp`), '{"Credentials"')
      writeFileSync(join(dir, '.json'), '{}')
      writeFileSync(join(dir, 'README'), 'another tool')
      return homeEnv(h)
    },
    target: 'readonly',
    use: 0,
  },

  // ------------------------------------------------------------ config and credentials files
  { name: 'config: missing', build: configPathIs(() => {}), target: 'readonly', use: 3, exits: { rm: 3 } },
  { name: 'config: empty', build: configIs(() => ''), target: 'readonly', use: 3, exits: { rm: 3 } },
  {
    name: 'config: a folder',
    build: configPathIs(file => mkdirSync(file)),
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'config: not readable',
    build: () => {
      const h = home()
      chmodSync(configFile(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'config: a FIFO (must not hang)',
    build: configPathIs(file => execFileSync('mkfifo', [file])),
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'config: CRLF line endings',
    build: configIs(text => text.replaceAll('\n', '\r\n')),
    target: 'readonly',
    use: 0,
  },
  { name: 'config: byte-order mark', build: configIs(text => `\ufeff${text}`), target: 'readonly', use: 0 },
  {
    name: 'config: duplicate sections',
    build: configIs(text => `${text}\n[profile readonly]\nregion = eu-west-1\n`),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'config: duplicate options',
    build: configIs(text => text.replace('[profile readonly]\n', '[profile readonly]\nregion = a\nREGION = b\n')),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'config: options before any section',
    build: configIs(text => `region = us-east-1\noutput: json\n${text}`),
    target: 'readonly',
    use: 0,
  },
  {
    name: 'config: garbage lines, NUL bytes, escape sequences, invalid UTF-8',
    build: configIs(garbage),
    target: 'readonly',
    use: 0,
  },
  { name: 'config: source_profile loops', build: configIs(loops), target: 'loop-a', use: 3, exits: { rm: 3 } },
  {
    name: 'config: 4 MB, long runs of white space, a 1 MB line',
    build: configIs(fourMegabyteConfig),
    target: 'readonly',
    use: 0,
    slow: true,
  },
  {
    name: 'credentials: not readable',
    build: () => {
      const h = home()
      chmodSync(credentialsFile(h), 0o000)
      return { ...homeEnv(h), asNobody: true }
    },
    target: 'readonly',
    use: 0,
  },
  {
    name: 'credentials: BOM, CRLF, duplicates, a secret on a line of its own',
    build: configIs(
      text =>
        `\ufeff${text}\r\n[my-iam-profile]\r\nwJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY0123456789=\r\nwJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY0123456789=\r\n`,
      'credentials',
    ),
    target: 'readonly',
    use: 0,
  },

  // ------------------------------------------------------------ environment
  {
    name: 'environment: HOME unset (files named by the environment)',
    build: () => {
      const h = home()
      return {
        env: {
          AWS_CONFIG_FILE: configFile(h),
          AWS_SHARED_CREDENTIALS_FILE: credentialsFile(h),
          AWSCACHE_CACHE_DIR: cacheDirOf(h),
        },
        cacheDir: cacheDirOf(h),
        root: h,
      }
    },
    target: 'readonly',
    use: 0,
  },
  {
    name: 'environment: HOME empty',
    build: () => {
      const h = home()
      return {
        env: {
          HOME: '',
          AWS_CONFIG_FILE: configFile(h),
          AWS_SHARED_CREDENTIALS_FILE: credentialsFile(h),
          AWSCACHE_CACHE_DIR: cacheDirOf(h),
        },
        cacheDir: cacheDirOf(h),
        root: h,
      }
    },
    target: 'readonly',
    use: 0,
  },
  {
    name: 'environment: HOME pointing nowhere',
    build: () => ({
      env: { HOME: '/nonexistent/awscache/home' },
      cacheDir: '/nonexistent/awscache/home/.aws/cli/cache',
      root: '',
    }),
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'environment: HOME is a file',
    build: () => {
      const root = tempFolder('awscache-homefile-')
      const file = join(root, 'home')
      writeFileSync(file, 'not a folder')
      return { env: { HOME: file }, cacheDir: join(file, '.aws', 'cli', 'cache'), root }
    },
    target: 'readonly',
    // no config, so "readonly" may be an entry id: the cache folder is listed, and cannot be
    use: 1,
    exits: cacheFolderFails({ rm: 1 }),
  },
  {
    name: 'environment: AWS_CONFIG_FILE pointing at a folder',
    build: () => {
      const h = home()
      return homeEnv(h, { AWS_CONFIG_FILE: h })
    },
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'environment: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE with $VARS and ~ that lead nowhere',
    build: () => {
      const h = home()
      return homeEnv(h, {
        AWS_CONFIG_FILE: '$NOPE/${ALSO_NOPE}/config',
        AWS_SHARED_CREDENTIALS_FILE: '~nobody-here/credentials',
      })
    },
    target: 'readonly',
    use: 3,
    exits: { rm: 3 },
  },
  {
    name: 'environment: AWSCACHE_CACHE_DIR is /dev/null',
    build: () => {
      const h = home()
      return { ...homeEnv(h, { AWSCACHE_CACHE_DIR: '/dev/null' }), cacheDir: '/dev/null' }
    },
    target: 'readonly',
    use: 3,
    exits: cacheFolderFails({ rm: 3 }),
  },
  // an empty name resolves to the working folder, whose *.json clear and prune would remove (hostile-input.ts runs every case in a folder of decoys)
  {
    name: 'environment: AWSCACHE_CACHE_DIR empty',
    build: () => {
      const h = home()
      return homeEnv(h, { AWSCACHE_CACHE_DIR: '' })
    },
    target: 'readonly',
    use: 0,
  },
  {
    name: 'environment: AWS variables with secrets, control characters and odd names',
    build: () => {
      const h = home()
      return homeEnv(h, {
        AWS_PROFILE: '\x1b[2Jnot-a-profile\n',
        AWS_SECRET_ACCESS_KEY: 'env-secret-wJalrXUtnFEMIK7MDENGbPxRfiCY',
        AWS_SESSION_TOKEN: 'env-token-IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQD',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'env-container-token-0123456789abcdef',
        AWS_ROLE_SESSION_NAME: "x'; touch /tmp/awscache-pwned; '",
        'AWS_WEIRD-NAME': 'not a shell name',
        NO_COLOR: '1',
      })
    },
    target: 'readonly',
    use: 0,
  },
]

/** Secret values planted in a built case: they may appear only where a command prints credentials. */
export const secretsOf = (b: Built): string[] => {
  const secrets = new Set<string>()
  const add = (v: unknown): void => {
    // short values could match by accident; every planted secret is long
    if (typeof v === 'string' && v.length >= 12) secrets.add(v)
  }
  let names: string[] = []
  try {
    names = readdirSync(b.cacheDir).filter(n => n.endsWith('.json'))
  } catch {
    // no readable cache folder: nothing planted there
  }
  for (const name of names) {
    try {
      const st = lstatSync(join(b.cacheDir, name))
      if (!st.isFile() || st.size > MB) continue
      const c = (JSON.parse(readFileSync(join(b.cacheDir, name), 'utf8')) as { Credentials?: Record<string, unknown> })
        .Credentials
      if (c) for (const field of ['SecretAccessKey', 'SessionToken']) add(c[field])
    } catch {
      // not JSON: nothing to plant
    }
  }
  let logins: string[] = []
  try {
    logins = b.loginCacheDir === undefined ? [] : readdirSync(b.loginCacheDir).filter(n => n.endsWith('.json'))
  } catch {
    // no login folder
  }
  for (const name of logins) {
    const file = join(b.loginCacheDir as string, name)
    try {
      if (!lstatSync(file).isFile() || lstatSync(file).size > MB) continue
      const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      const token = (data.accessToken ?? {}) as Record<string, unknown>
      for (const v of [token.secretAccessKey, token.sessionToken, data.refreshToken, data.idToken, data.dpopKey]) add(v)
    } catch {
      // not JSON: nothing to plant
    }
  }
  const h = b.env.HOME
  // the login folders' secrets: SSO tokens and registrations, aws login sessions
  for (const dir of h ? [ssoDirOf(h), loginDirOf(h)] : []) {
    let files: string[] = []
    try {
      files = readdirSync(dir).filter(n => n.endsWith('.json'))
    } catch {
      // none
    }
    for (const name of files) {
      try {
        const st = lstatSync(join(dir, name))
        if (!st.isFile() || st.size > 4 * MB) continue
        const o = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>
        const token = o.accessToken
        for (const v of [token, o.refreshToken, o.clientSecret, o.idToken, o.dpopKey]) add(v)
        if (typeof token === 'object' && token !== null)
          for (const field of ['secretAccessKey', 'sessionToken']) add((token as Record<string, unknown>)[field])
      } catch {
        // not JSON: nothing to plant
      }
    }
  }
  for (const file of [b.env.AWS_SHARED_CREDENTIALS_FILE, h ? join(h, '.aws', 'credentials') : undefined]) {
    try {
      if (file)
        for (const m of readFileSync(file, 'utf8').matchAll(
          /^\s*aws_(?:secret_access_key|session_token)\s*[=:]\s*(\S+)/gim,
        ))
          add(m[1])
    } catch {
      // missing or not a file
    }
  }
  for (const [name, value] of Object.entries(b.env))
    if (/SECRET|TOKEN/.test(name) && !name.endsWith('_FILE')) add(value)
  return [...secrets]
}
