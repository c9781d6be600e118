// A HOME with a realistic ~/.aws/config, ~/.aws/credentials and role-session
// cache, for the benchmark: assume-role and SSO profiles, entries shaped and
// sized as the AWS CLI v2 writes them, some expired, some with no profile.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const sha1 = text => createHash('sha1').update(text, 'utf8').digest('hex')
const pad = (n, width = 5) => String(n).padStart(width, '0')

// Deterministic filler, so that every run reads the same bytes.
const filler = (seed, length, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') => {
  let out = ''
  let block = ''
  for (let i = 0; out.length < length; i++) {
    if (!block) block = createHash('sha256').update(`${seed}:${i}`).digest('hex')
    out += alphabet[parseInt(block.slice(0, 2), 16) % alphabet.length]
    block = block.slice(2)
  }
  return out
}

// Python's json.dumps with its default separators, as the CLI writes entries (ASCII text only)
const pyDumps = value =>
  typeof value === 'object'
    ? `{${Object.entries(value)
        .map(([k, v]) => `${JSON.stringify(k)}: ${pyDumps(v)}`)
        .join(', ')}}`
    : JSON.stringify(value)

// Python's str(datetime) of a UTC time as the CLI v2 writes it: "2026-11-26T11:29:20+00:00"
const cliV2Time = ms => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00')

// as the AWS CLI writes entries and the credentials file
const PRIVATE = { mode: 0o600 }

const ACCOUNT = '123456789012'
const SSO_SESSION = 'bench-sso'

// Profile i: three in four assume a role (every other one with MFA), one in four is SSO.
const profileOf = i => {
  const n = pad(i)
  if (i % 4 === 3) {
    const accountId = `1111222${pad(i, 5)}`
    const roleName = `Role${n}`
    return {
      name: `sso-${n}`,
      type: 'sso',
      ini: [
        `[profile sso-${n}]`,
        `sso_session = ${SSO_SESSION}`,
        `sso_account_id = ${accountId}`,
        `sso_role_name = ${roleName}`,
        'region = eu-west-1',
      ],
      // botocore's SSOCredentialFetcher._create_cache_key: compact json.dumps, sort_keys
      key: sha1(JSON.stringify({ accountId, roleName, sessionName: SSO_SESSION })),
      accountId,
      roleName,
    }
  }
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/role-${n}`
  const sessionName = `bench-${n}`
  const mfa = i % 2 === 0 ? `arn:aws:iam::${ACCOUNT}:mfa/bench` : undefined
  // AssumeRoleProvider._create_cache_key: json.dumps(sort_keys=True) of the ASCII settings
  const keyText = `{"RoleArn": "${roleArn}", "RoleSessionName": "${sessionName}"${mfa ? `, "SerialNumber": "${mfa}"` : ''}}`
  return {
    name: `role-${n}`,
    type: 'assume-role',
    ini: [
      `[profile role-${n}]`,
      `role_arn = ${roleArn}`,
      'source_profile = bench-base',
      `role_session_name = ${sessionName}`,
      ...(mfa ? [`mfa_serial = ${mfa}`] : []),
      'region = eu-west-1',
    ],
    key: sha1(keyText),
    accountId: ACCOUNT,
    roleName: `role-${n}`,
    sessionName,
  }
}

const entryText = (seed, { type, accountId, roleName, sessionName }, expiration) => {
  const credentials = {
    AccessKeyId: `ASIA${filler(`${seed}:akid`, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    SecretAccessKey: filler(`${seed}:secret`, 40),
    SessionToken: filler(`${seed}:token`, type === 'sso' ? 380 : 360),
    Expiration: cliV2Time(expiration),
  }
  if (type === 'sso') {
    return pyDumps({ ProviderType: 'sso', Credentials: credentials })
  }
  const data = {
    Credentials: credentials,
    AssumedRoleUser: {
      AssumedRoleId: `AROA${filler(`${seed}:aroa`, 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}:${sessionName}`,
      Arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    },
    PackedPolicySize: 6,
    ResponseMetadata: {
      RequestId: `${filler(`${seed}:rid`, 8, '0123456789abcdef')}-0000-4000-8000-${filler(`${seed}:rid2`, 12, '0123456789abcdef')}`,
      HTTPStatusCode: 200,
      HTTPHeaders: {
        'content-type': 'text/xml',
        'content-length': '960',
        'x-amzn-requestid': filler(`${seed}:xid`, 36, '0123456789abcdef'),
      },
      RetryAttempts: 0,
    },
  }
  return pyDumps(data)
}

/**
 * Writes `<dir>/.aws/{config,credentials,cli/cache/*.json}`: `profiles` role
 * profiles (plus `bench-base`, their static-key source), one entry for each
 * (every fifth expired), and `entries - profiles` entries no profile maps to.
 * Returns the HOME and a profile whose session is valid for hours.
 */
export const writeHome = (dir, { entries, profiles, now = Date.now() }) => {
  const cache = join(dir, '.aws', 'cli', 'cache')
  mkdirSync(cache, { recursive: true })
  const config = [
    '[default]',
    'region = eu-west-1',
    '',
    '[profile bench-base]',
    'region = eu-west-1',
    '',
    `[sso-session ${SSO_SESSION}]`,
    'sso_start_url = https://bench.awsapps.com/start',
    'sso_region = eu-west-1',
    'sso_registration_scopes = sso:account:access',
    '',
  ]
  const expirationOf = i => (i % 5 === 4 ? now - (1 + (i % 7)) * 3_600_000 : now + (2 + (i % 9)) * 3_600_000)
  let valid = 0
  for (let i = 0; i < profiles; i++) {
    const p = profileOf(i)
    config.push(...p.ini, '')
    if (i < entries) {
      writeFileSync(join(cache, `${p.key}.json`), entryText(p.name, p, expirationOf(i)), PRIVATE)
      if (i % 5 !== 4) valid++
    }
  }
  for (let i = profiles; i < entries; i++) {
    const orphan = { type: 'assume-role', accountId: ACCOUNT, roleName: `gone-${pad(i)}`, sessionName: `old-${pad(i)}` }
    writeFileSync(
      join(cache, `${sha1(`orphan:${i}`)}.json`),
      entryText(`orphan:${i}`, orphan, expirationOf(i)),
      PRIVATE,
    )
    if (i % 5 !== 4) valid++
  }
  writeFileSync(join(dir, '.aws', 'config'), config.join('\n'))
  writeFileSync(
    join(dir, '.aws', 'credentials'),
    '[bench-base]\naws_access_key_id = AKIABENCHBENCHBENCH0\naws_secret_access_key = benchSECRETbenchSECRETbenchSECRETbench00\n',
    PRIVATE,
  )
  return { home: dir, profile: profileOf(0).name, validEntries: valid }
}
