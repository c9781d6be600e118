// End to end: the REAL AWS CLI (v2, and v1 where one is installed) writes the
// role-session cache, through a loopback stand-in for STS and the SSO portal;
// then the built awscache must map every entry it wrote to exactly the right
// profiles and hand out exactly the cached values. The ground truth is what
// the CLI itself did: for each profile, the file that appeared in an emptied
// cache folder when the CLI resolved that profile alone. Each CLI gets the
// same scenarios in homes of its own. A scenario's runs of a CLI share one
// Python interpreter (test/helpers/real-aws.ts startAwsRunner: the `aws`
// script itself, run afresh with its own argv, stdin, stdout, stderr and exit
// status each time); each run is still checked alone: its calls, its entry.
//
// Needs /usr/bin/aws (Debian `awscli`, or AWSCACHE_TEST_AWS) and `openssl`;
// without them the file is reported as skipped, loudly. The v1 part needs an
// AWS CLI v1 (AWSCACHE_TEST_AWS_V1, else a pyenv version's or PATH's `aws`
// that says aws-cli/1.); without one that part is skipped, loudly. Needs dist/
// (npm test builds it first).
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { runChild, type ChildResult } from '../helpers/child.js'
import { BIN } from '../helpers/home.js'
import { runInProcess } from '../helpers/in-process.js'
import { startStsStandin, type IssuedSession, type RecordedRequest, type StsStandin } from '../helpers/sts-standin.js'
import { AWS, findAwsV1, missingTools, shout, startAwsRunner, type AwsRunner } from '../helpers/real-aws.js'
import { tempFolder } from '../helpers/temp.js'

// the bin as installed (package.json's bin: the bundle)
const AWSCACHE = BIN
// /usr/bin/aws starts with #!/usr/bin/python3; a pyenv shim first on PATH
// must not get a say, so children get a PATH of system folders only.
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin'
const AWS_TIMEOUT_MS = 60_000
const AWSCACHE_TIMEOUT_MS = 15_000
const MFA_CODE = '123456'
const ENTRY_FILE = /^[0-9a-f]{40}\.json$/

/** One real AWS CLI the scenarios run with. */
interface Cli {
  name: 'v1' | 'v2'
  path: string
  /**
   * Whether it writes SSO sessions to ~/.aws/cli/cache. v2 does; v1 does not:
   * awscli v1 (customizations/assumerole.py) gives its JSONFileCache to the
   * assume-role and web-identity providers only, and botocore's SSO provider
   * keeps the in-memory dict create_credential_resolver gives it. v1 still
   * resolves SSO profiles (it calls GetRoleCredentials every time).
   */
  writesSsoEntries: boolean
}

// ---------------------------------------------------------------- scenario

const STS_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1']
const SSO_REGIONS = ['us-east-1', 'eu-central-1']
// The CLI v2 uses regional STS endpoints; the global one is covered in case a version does not.
const STANDIN_HOSTS = [
  'sts.amazonaws.com',
  ...STS_REGIONS.map(r => `sts.${r}.amazonaws.com`),
  ...SSO_REGIONS.map(r => `portal.sso.${r}.amazonaws.com`),
]

const ACME_SSO_SESSION = 'acme'
const ACME_START_URL = 'https://acme.awsapps.com/start'
const LEGACY_START_URL = 'https://legacy.awsapps.com/start'
// an [sso-session] that holds the account too (issue 14, rule 3)
const TEAM_SSO_SESSION = 'team'
const TEAM_START_URL = 'https://team.awsapps.com/start'
// [sso-session ""], named by an empty sso_session (rule 5)
const NAMELESS_START_URL = 'https://nameless.awsapps.com/start'
const IRSA_ROLE = 'arn:aws:iam::121212121212:role/irsa-pod'

interface Secrets {
  staticKeyId: string
  staticSecret: string
  webIdentityToken: string
  acmeSsoToken: string
  legacySsoToken: string
  teamSsoToken: string
  namelessSsoToken: string
}

const makeSecrets = (): Secrets => ({
  staticKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
  staticSecret: randomBytes(30).toString('base64'),
  webIdentityToken: `eyJhbGciOiJSUzI1NiJ9.${randomBytes(48).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
  acmeSsoToken: `acme-${randomBytes(24).toString('base64url')}`,
  legacySsoToken: `legacy-${randomBytes(24).toString('base64url')}`,
  teamSsoToken: `team-${randomBytes(24).toString('base64url')}`,
  namelessSsoToken: `nameless-${randomBytes(24).toString('base64url')}`,
})

// Note the CLI's config syntax: no inline comments, so comments stay on lines of their own.
const configText = (webIdentityTokenFile: string): string => `[profile base]
region = us-east-1

# assume-role with MFA and a session name
[profile mfa-role]
role_arn = arn:aws:iam::111111111111:role/developer-role
source_profile = base
role_session_name = alice
mfa_serial = arn:aws:iam::999999999999:mfa/alice
region = us-east-1

# no session name: the CLI makes one up, which is not part of the key
[profile readonly]
role_arn = arn:aws:iam::111111111111:role/readonly
source_profile = base
region = eu-west-1

[profile partner]
role_arn = arn:aws:iam::222222222222:role/partner-access
source_profile = base
external_id = ext-4711
duration_seconds = 7200
region = us-east-1

[profile "two words"]
role_arn = arn:aws:iam::111111111111:role/analyst
source_profile = base
role_session_name = two-words
region = us-east-1

# the same role settings twice (the region is not part of the key): one entry for both
[profile twin-a]
role_arn = arn:aws:iam::333333333333:role/shared
source_profile = base
role_session_name = twin
region = us-east-1

[profile twin-b]
role_arn = arn:aws:iam::333333333333:role/shared
source_profile = base
role_session_name = twin
region = eu-west-1

# duration_seconds is not part of a web-identity key
[profile web]
role_arn = arn:aws:iam::444444444444:role/web-identity
web_identity_token_file = ${webIdentityTokenFile}
role_session_name = web-session
duration_seconds = 1800
region = us-west-2

[profile sso-dev]
sso_session = ${ACME_SSO_SESSION}
sso_account_id = 555555555555
sso_role_name = Developer
region = eu-west-1

[sso-session ${ACME_SSO_SESSION}]
sso_start_url = ${ACME_START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

# legacy SSO: the start URL in the profile itself
[profile sso-legacy]
sso_start_url = ${LEGACY_START_URL}
sso_region = eu-central-1
sso_account_id = 666666666666
sso_role_name = ReadOnly
region = eu-central-1

# issue 14, rule 1: an empty session name is none: the CLI makes one up
[profile empty-session-name]
role_arn = arn:aws:iam::777777777777:role/nameless
source_profile = base
role_session_name =
region = us-east-1

# rule 2: duration_seconds is read with Python's int(): 3600 in mixed scripts
[profile unicode-duration]
role_arn = arn:aws:iam::777777777777:role/long
source_profile = base
duration_seconds = 3_6٠०
region = us-east-1

# rule 3: the account comes from the [sso-session] section
[profile sso-account-in-session]
sso_session = ${TEAM_SSO_SESSION}
sso_role_name = Admin
region = eu-west-1

[sso-session ${TEAM_SSO_SESSION}]
sso_start_url = ${TEAM_START_URL}
sso_region = us-east-1
sso_account_id = 888888888888

# rule 4: an empty web_identity_token_file: no role for it; SSO, if set up, or nothing
[profile empty-token-file-sso]
role_arn = arn:aws:iam::444444444444:role/web-identity
web_identity_token_file =
sso_start_url = ${LEGACY_START_URL}
sso_region = eu-central-1
sso_account_id = 999999999999
sso_role_name = Auditor
region = eu-central-1

[profile empty-token-file]
role_arn = arn:aws:iam::444444444444:role/web-identity
web_identity_token_file =
region = us-west-2

# rule 5: an empty sso_session names [sso-session ""]; keyed by its start URL
[profile sso-nameless-session]
sso_session =
sso_account_id = 101010101010
sso_role_name = Nameless
region = us-east-1

[sso-session ""]
sso_start_url = ${NAMELESS_START_URL}
sso_region = us-east-1

# rule 8: refused by the CLI, each a twin of a profile above (same key)
[profile readonly-commented]
role_arn = arn:aws:iam::111111111111:role/readonly
source_profile = base # main account
region = eu-west-1

[profile readonly-empty-source]
role_arn = arn:aws:iam::111111111111:role/readonly
source_profile =
region = eu-west-1

[profile loop-a]
role_arn = arn:aws:iam::111111111111:role/readonly
source_profile = loop-b
region = eu-west-1

[profile loop-b]
role_arn = arn:aws:iam::111111111111:role/readonly
source_profile = loop-a
region = eu-west-1

[profile readonly-lower-case-source]
role_arn = arn:aws:iam::111111111111:role/readonly
credential_source = environment
region = eu-west-1

[profile sso-dev-other-region]
sso_session = ${ACME_SSO_SESSION}
sso_account_id = 555555555555
sso_role_name = Developer
sso_region = eu-west-1
region = eu-west-1

[profile sso-dev-no-such-session]
sso_session = acme-typo
sso_account_id = 555555555555
sso_role_name = Developer
region = eu-west-1

[profile sso-legacy-no-role]
sso_start_url = ${LEGACY_START_URL}
sso_region = eu-central-1
sso_account_id = 666666666666
region = eu-central-1

[profile web-without-role]
web_identity_token_file = ${webIdentityTokenFile}
region = us-west-2
`

const credentialsText = (s: Secrets): string => `[base]
aws_access_key_id = ${s.staticKeyId}
aws_secret_access_key = ${s.staticSecret}
`

/** The call the CLI must make to get a profile's session: proves the config means what this test says. */
interface ExpectedCall {
  host: string
  /** where v1 calls instead, when it does not call `host` */
  v1Host?: string
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetRoleCredentials'
  params: Record<string, string | RegExp>
  bearerToken?: string
}

interface ProfileCase {
  profile: string
  /** run without --profile: the profile in use (AWS_PROFILE, else default) reads web-identity variables */
  inUse?: boolean
  /** the CLI must refuse the profile (or find no credentials for it): no call, no entry; what it says */
  refusedBy?: RegExp
  /** and what awscache env says for it (exit 3, one line) */
  awscacheSays?: string
  mfaCode?: string
  /** undefined: static keys, the CLI caches nothing */
  call?: ExpectedCall
  /** what awscache must say about the profile's entry */
  entry?: { type: 'assume-role' | 'sso'; accountId: string; roleArn: string | null }
  /** a static-keys profile: the key it signs with */
  staticKeyId?: string
}

const ssoCase = (
  profile: string,
  region: string,
  accountId: string,
  roleName: string,
  bearerToken: string,
): ProfileCase => ({
  profile,
  call: {
    host: `portal.sso.${region}.amazonaws.com`,
    action: 'GetRoleCredentials',
    params: { account_id: accountId, role_name: roleName },
    bearerToken,
  },
  entry: { type: 'sso', accountId, roleArn: null },
})

const assumeRoleCase = (
  profile: string,
  region: string,
  roleArn: string,
  params: Record<string, string | RegExp>,
  mfaCode?: string,
): ProfileCase => ({
  profile,
  ...(mfaCode === undefined ? {} : { mfaCode }),
  call: { host: `sts.${region}.amazonaws.com`, action: 'AssumeRole', params: { RoleArn: roleArn, ...params } },
  entry: { type: 'assume-role', accountId: roleArn.split(':')[4] as string, roleArn },
})

const profileCases = (s: Secrets): ProfileCase[] => [
  assumeRoleCase(
    'mfa-role',
    'us-east-1',
    'arn:aws:iam::111111111111:role/developer-role',
    {
      RoleSessionName: 'alice',
      SerialNumber: 'arn:aws:iam::999999999999:mfa/alice',
      TokenCode: MFA_CODE,
    },
    MFA_CODE,
  ),
  assumeRoleCase('readonly', 'eu-west-1', 'arn:aws:iam::111111111111:role/readonly', {
    RoleSessionName: /^botocore-session-\d+$/,
  }),
  assumeRoleCase('partner', 'us-east-1', 'arn:aws:iam::222222222222:role/partner-access', {
    ExternalId: 'ext-4711',
    DurationSeconds: '7200',
  }),
  assumeRoleCase('two words', 'us-east-1', 'arn:aws:iam::111111111111:role/analyst', { RoleSessionName: 'two-words' }),
  assumeRoleCase('twin-a', 'us-east-1', 'arn:aws:iam::333333333333:role/shared', { RoleSessionName: 'twin' }),
  assumeRoleCase('twin-b', 'eu-west-1', 'arn:aws:iam::333333333333:role/shared', { RoleSessionName: 'twin' }),
  {
    profile: 'web',
    call: {
      host: 'sts.us-west-2.amazonaws.com',
      action: 'AssumeRoleWithWebIdentity',
      params: {
        RoleArn: 'arn:aws:iam::444444444444:role/web-identity',
        RoleSessionName: 'web-session',
        WebIdentityToken: s.webIdentityToken,
      },
    },
    entry: { type: 'assume-role', accountId: '444444444444', roleArn: 'arn:aws:iam::444444444444:role/web-identity' },
  },
  {
    profile: 'sso-dev',
    call: {
      host: 'portal.sso.us-east-1.amazonaws.com',
      action: 'GetRoleCredentials',
      params: { account_id: '555555555555', role_name: 'Developer' },
      bearerToken: s.acmeSsoToken,
    },
    entry: { type: 'sso', accountId: '555555555555', roleArn: null },
  },
  {
    profile: 'sso-legacy',
    call: {
      host: 'portal.sso.eu-central-1.amazonaws.com',
      action: 'GetRoleCredentials',
      params: { account_id: '666666666666', role_name: 'ReadOnly' },
      bearerToken: s.legacySsoToken,
    },
    entry: { type: 'sso', accountId: '666666666666', roleArn: null },
  },
  { profile: 'base', staticKeyId: s.staticKeyId },
  assumeRoleCase('empty-session-name', 'us-east-1', 'arn:aws:iam::777777777777:role/nameless', {
    RoleSessionName: /^botocore-session-\d+$/,
  }),
  assumeRoleCase('unicode-duration', 'us-east-1', 'arn:aws:iam::777777777777:role/long', { DurationSeconds: '3600' }),
  ssoCase('sso-account-in-session', 'us-east-1', '888888888888', 'Admin', s.teamSsoToken),
  ssoCase('empty-token-file-sso', 'eu-central-1', '999999999999', 'Auditor', s.legacySsoToken),
  ssoCase('sso-nameless-session', 'us-east-1', '101010101010', 'Nameless', s.namelessSsoToken),
  ...refusedCases,
]

const SAYS_REFUSED = (profile: string, reason: string): string =>
  `awscache: profile "${profile}" has no session: the AWS CLI refuses it: ${reason}`

// issue 14, rule 8 (and rule 4's fall-through to nothing): what the CLI and awscache say.
// v1 (botocore 1.43) refuses each with the very words v2 does: the providers' code is the same.
const refusedCases: ProfileCase[] = [
  {
    profile: 'readonly-commented',
    refusedBy: /The source_profile "base # main account" referenced in the profile "readonly-commented" does not exist/,
    awscacheSays: SAYS_REFUSED('readonly-commented', 'source_profile "base # main account" is not a profile'),
  },
  {
    profile: 'readonly-empty-source',
    refusedBy: /The source_profile "" referenced in the profile "readonly-empty-source" does not exist/,
    awscacheSays: SAYS_REFUSED('readonly-empty-source', 'source_profile "" is not a profile'),
  },
  {
    profile: 'loop-a',
    refusedBy: /Infinite loop in credential configuration detected/,
    awscacheSays: SAYS_REFUSED('loop-a', 'source_profile chain loops: "loop-a" -> "loop-b" -> "loop-a"'),
  },
  {
    profile: 'readonly-lower-case-source',
    refusedBy: /The credential source "environment" referenced in profile "readonly-lower-case-source" is not valid/,
    awscacheSays: SAYS_REFUSED(
      'readonly-lower-case-source',
      'credential_source "environment" is not one of Environment, Ec2InstanceMetadata, EcsContainer',
    ),
  },
  {
    profile: 'sso-dev-other-region',
    refusedBy: /The value for sso_region is inconsistent between profile \(eu-west-1\) and sso-session \(us-east-1\)/,
    awscacheSays: SAYS_REFUSED(
      'sso-dev-other-region',
      'sso_region is "eu-west-1" in the profile but "us-east-1" in [sso-session "acme"]',
    ),
  },
  {
    profile: 'sso-dev-no-such-session',
    refusedBy: /The specified sso-session does not exist: "acme-typo"/,
    awscacheSays: SAYS_REFUSED('sso-dev-no-such-session', 'sso_session "acme-typo" names no [sso-session] section'),
  },
  {
    profile: 'sso-legacy-no-role',
    refusedBy: /missing required configuration: sso_role_name/,
    awscacheSays: SAYS_REFUSED('sso-legacy-no-role', 'profile "sso-legacy-no-role" uses SSO but lacks sso_role_name'),
  },
  {
    profile: 'web-without-role',
    refusedBy: /configured to assume role with web identity but has no role ARN configured/,
    awscacheSays: SAYS_REFUSED('web-without-role', 'web_identity_token_file is set but role_arn is not'),
  },
  {
    profile: 'empty-token-file',
    refusedBy: /Unable to locate credentials/,
    awscacheSays:
      'awscache: profile "empty-token-file" has no cached session: its web_identity_token_file is empty, so the AWS CLI assumes no role for it',
  },
]

// ---------------------------------------------------------------- files

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex')

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')

// The SSO access tokens `aws sso login` would have left: named by the
// sso-session name, or by the start URL for a legacy profile. They last long
// enough that the CLI never tries to refresh them.
const writeSsoTokens = (home: string, s: Secrets): void => {
  const dir = join(home, '.aws', 'sso', 'cache')
  mkdirSync(dir, { recursive: true })
  const expiresAt = isoSeconds(Date.now() + 8 * 3600_000)
  const acme = {
    startUrl: ACME_START_URL,
    region: 'us-east-1',
    accessToken: s.acmeSsoToken,
    expiresAt,
    clientId: 'awscache-test-client',
    clientSecret: 'awscache-test-client-secret',
    registrationExpiresAt: isoSeconds(Date.now() + 30 * 86400_000),
    refreshToken: 'awscache-test-refresh-token',
  }
  const legacy = { startUrl: LEGACY_START_URL, region: 'eu-central-1', accessToken: s.legacySsoToken, expiresAt }
  const team = { ...acme, startUrl: TEAM_START_URL, accessToken: s.teamSsoToken }
  const nameless = { ...acme, startUrl: NAMELESS_START_URL, accessToken: s.namelessSsoToken }
  writeFileSync(join(dir, `${sha1(ACME_SSO_SESSION)}.json`), JSON.stringify(acme), { mode: 0o600 })
  writeFileSync(join(dir, `${sha1(LEGACY_START_URL)}.json`), JSON.stringify(legacy), { mode: 0o600 })
  writeFileSync(join(dir, `${sha1(TEAM_SSO_SESSION)}.json`), JSON.stringify(team), { mode: 0o600 })
  // the token of the session named "" is found by sha1("")
  writeFileSync(join(dir, `${sha1('')}.json`), JSON.stringify(nameless), { mode: 0o600 })
}

interface Home {
  home: string
  /** the scenario's variables, given to every aws and awscache run */
  env: Record<string, string>
  cacheDir: string
  /** where each run's entries are moved, so that the next run starts from an empty cache */
  collectedDir: string
}

const makeHome = (s: Secrets, scenario: Scenario): Home => {
  const home = tempFolder('awscache-e2e-')
  const aws = join(home, '.aws')
  mkdirSync(aws)
  const tokenFile = join(home, 'web-identity-token')
  writeFileSync(tokenFile, s.webIdentityToken)
  writeFileSync(join(aws, 'config'), scenario.config(tokenFile))
  writeFileSync(join(aws, 'credentials'), credentialsText(s), { mode: 0o600 })
  writeSsoTokens(home, s)
  const cacheDir = join(aws, 'cli', 'cache')
  const collectedDir = join(home, 'collected-entries')
  mkdirSync(cacheDir, { recursive: true })
  mkdirSync(collectedDir)
  return { home, env: scenario.env(tokenFile), cacheDir, collectedDir }
}

const moveAll = (from: string, to: string): void => {
  for (const name of readdirSync(from)) renameSync(join(from, name), join(to, name))
}

interface EntryFile {
  providerType: string | undefined
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expirationText: string
  assumedRoleArn: string | undefined
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const stringField = (o: Record<string, unknown>, key: string): string => {
  const v = o[key]
  if (typeof v !== 'string') throw new Error(`entry field ${key} is not a string`)
  return v
}

/** The values in an entry file, read independently of awscache. */
const readEntryFile = (file: string): EntryFile => {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!isRecord(data) || !isRecord(data.Credentials)) throw new Error(`${file} is not a cache entry`)
  const c = data.Credentials
  const user = data.AssumedRoleUser
  return {
    providerType: typeof data.ProviderType === 'string' ? data.ProviderType : undefined,
    accessKeyId: stringField(c, 'AccessKeyId'),
    secretAccessKey: stringField(c, 'SecretAccessKey'),
    sessionToken: stringField(c, 'SessionToken'),
    expirationText: stringField(c, 'Expiration'),
    assumedRoleArn: isRecord(user) && typeof user.Arn === 'string' ? user.Arn : undefined,
  }
}

// ---------------------------------------------------------------- children

const describeExit = (r: ChildResult, timeoutMs: number): string =>
  r.timedOut ? `killed after the ${timeoutMs / 1000}s timeout` : `exit ${r.code ?? r.signal}`

// Nothing from the parent's environment (AWS_PROFILE, AWS_CA_BUNDLE,
// AWS_CONFIG_FILE, AWS_ROLE_SESSION_NAME, proxies…) may reach a child.
const baseEnv = (home: string): NodeJS.ProcessEnv => ({ PATH: SYSTEM_PATH, HOME: home, LANG: 'C.UTF-8' })

const awsEnv = (h: Home, standin: StsStandin): NodeJS.ProcessEnv => ({
  ...baseEnv(h.home),
  ...h.env,
  HTTPS_PROXY: standin.proxyUrl,
  AWS_CA_BUNDLE: standin.caFile,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_PAGER: '',
})

const awscacheEnv = (h: Home): NodeJS.ProcessEnv => ({ ...baseEnv(h.home), ...h.env, NO_COLOR: '1' })

/** The built bin, as installed: for `list --json`, each home's first reading of what the CLI wrote. */
const awscacheBin = (h: Home, args: readonly string[]): Promise<ChildResult> =>
  runChild(process.execPath, [AWSCACHE, ...args], { env: awscacheEnv(h), timeoutMs: AWSCACHE_TIMEOUT_MS })

/**
 * awscache's main() in this process, for the many env/sql runs over the same
 * home (a node start each would cost more than the AWS CLI runs themselves).
 */
const awscache = async (h: Home, args: readonly string[]): Promise<ChildResult> => {
  const r = await runInProcess(args, { env: awscacheEnv(h) })
  return { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false }
}

// ---------------------------------------------------------------- phase 1: the real CLI

/** What one `aws --profile P sts get-caller-identity` did. */
interface Observation {
  profileCase: ProfileCase
  /** entry file names the run created in the (emptied) cache folder */
  created: string[]
  /** the session-producing call it made, if any */
  call: RecordedRequest | undefined
}

const credentialCalls = (requests: RecordedRequest[]): RecordedRequest[] =>
  requests.filter(r => r.action !== 'GetCallerIdentity')

const checkCall = (t: Test, cli: Cli, c: ProfileCase, calls: RecordedRequest[]): void => {
  if (!c.call) {
    t.same(calls, [], 'static keys: no STS or portal call for credentials')
    return
  }
  t.equal(calls.length, 1, `one ${c.call.action} call`)
  const call = calls[0]
  if (!call) return
  const host = (cli.name === 'v1' ? c.call.v1Host : undefined) ?? c.call.host
  t.match(call, { host, action: c.call.action, status: 200 }, `${c.call.action} at ${host}`)
  t.match(call.params, c.call.params, 'with the parameters the profile configures')
  if (c.call.bearerToken !== undefined)
    t.equal(call.bearerToken, c.call.bearerToken, 'with the SSO access token from ~/.aws/sso/cache')
}

// The GetCallerIdentity of the run must be signed with the credentials in the
// file it created: proof that the file is this profile's session.
const checkSignedWith = (t: Test, requests: RecordedRequest[], accessKeyId: string): void => {
  const identity = requests.filter(r => r.action === 'GetCallerIdentity')
  t.equal(identity.length, 1, 'one GetCallerIdentity call')
  t.equal(identity[0]?.signedBy, accessKeyId, 'signed with the access key of the entry the run created')
}

// A call the CLI makes leaves an entry unless this CLI keeps that kind of session in memory only.
const writesEntry = (cli: Cli, c: ProfileCase): boolean => !!c.call && (c.entry?.type !== 'sso' || cli.writesSsoEntries)

const runAwsFor = async (
  t: Test,
  cli: Cli,
  c: ProfileCase,
  h: Home,
  standin: StsStandin,
  aws: AwsRunner,
): Promise<Observation> => {
  t.same(readdirSync(h.cacheDir), [], 'the cache folder is empty before the run')
  const firstRequest = standin.requests.length
  const firstIssued = standin.issued.length
  const r = await aws.run(
    [...(c.inUse ? [] : ['--profile', c.profile]), 'sts', 'get-caller-identity'],
    c.mfaCode === undefined ? '' : `${c.mfaCode}\n`,
  )
  const requests = standin.requests.slice(firstRequest)
  const after = readdirSync(h.cacheDir)
  const created = after.filter(name => ENTRY_FILE.test(name))
  t.same(
    after.filter(name => !ENTRY_FILE.test(name)),
    [],
    'nothing else (no *.tmp) in the cache folder',
  )
  if (c.refusedBy) {
    t.not(r.code, 0, `the CLI refuses it: ${describeExit(r, AWS_TIMEOUT_MS)}`)
    t.match(r.stderr, c.refusedBy, 'with its reason')
    t.same(created, [], 'and writes no entry')
    t.same(requests, [], 'nor calls anything')
    return { profileCase: c, created, call: undefined }
  }
  t.equal(r.code, 0, `aws ran: ${describeExit(r, AWS_TIMEOUT_MS)}`, { stderr: r.stderr })
  const writes = writesEntry(cli, c)
  t.equal(
    created.length,
    writes ? 1 : 0,
    writes
      ? 'the run created one entry'
      : c.call
        ? `the run created no entry: the AWS CLI ${cli.name} keeps ${c.entry?.type ?? 'this'} sessions in memory`
        : 'the run created no entry',
  )
  const calls = credentialCalls(requests)
  checkCall(t, cli, c, calls)
  const entryName = created[0]
  // without an entry: the session this run was issued (v1's SSO), else the static key
  const signer = entryName
    ? readEntryFile(join(h.cacheDir, entryName)).accessKeyId
    : (standin.issued[firstIssued]?.accessKeyId ?? c.staticKeyId)
  if (signer) checkSignedWith(t, requests, signer)
  moveAll(h.cacheDir, h.collectedDir)
  return { profileCase: c, created, call: calls[0] }
}

// ---------------------------------------------------------------- ground truth

interface ExpectedEntry {
  file: string
  profiles: string[]
  type: 'assume-role' | 'sso'
  accountId: string
  roleArn: string | null
  /** the RoleSessionName the CLI sent (null for SSO) */
  sessionName: string | null
  values: EntryFile
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Entry file -> the profiles whose run created it, with the values now in it. */
const groundTruth = (observations: Observation[], cacheDir: string): Map<string, ExpectedEntry> => {
  const expected = new Map<string, ExpectedEntry>()
  for (const { profileCase: c, created, call } of observations) {
    const file = created[0]
    if (!file || !c.entry) continue
    const known = expected.get(file)
    if (known) {
      known.profiles.push(c.profile)
      known.profiles.sort(byCodeUnits)
      continue
    }
    expected.set(file, {
      file,
      profiles: [c.profile],
      ...c.entry,
      sessionName: call?.action === 'GetRoleCredentials' ? null : (call?.params.RoleSessionName ?? null),
      values: readEntryFile(join(cacheDir, file)),
    })
  }
  return expected
}

// The stand-in's own record of what it handed out, against what the CLI wrote.
const checkEntryAgainstIssued = (t: Test, e: ExpectedEntry, issued: IssuedSession[]): void => {
  const session = issued.find(s => s.accessKeyId === e.values.accessKeyId)
  if (!session) {
    t.fail(`${e.file}: its access key was never issued by the stand-in`)
    return
  }
  t.equal(e.values.secretAccessKey, session.secretAccessKey, `${e.file}: secret as issued`)
  t.equal(e.values.sessionToken, session.sessionToken, `${e.file}: token as issued`)
  t.equal(Date.parse(e.values.expirationText), session.expiration, `${e.file}: expiration as issued`)
  if (e.type === 'sso') t.equal(e.values.providerType, 'sso', `${e.file}: ProviderType sso`)
  else t.equal(e.values.assumedRoleArn, session.arn, `${e.file}: AssumedRoleUser.Arn as issued`)
}

// ---------------------------------------------------------------- phase 2: awscache

interface ListedRecord {
  id: string
  profiles: string[]
  type: string | null
  accountId: string | null
  roleArn: string | null
  sessionName: string | null
  accessKeyId: string | null
  expiration: string | null
  expired: boolean | null
  error: string | null
}

const checkListRecord = (t: Test, record: ListedRecord, e: ExpectedEntry): void => {
  t.same(record.profiles, e.profiles, `${e.file}: profiles ${JSON.stringify(e.profiles)}`)
  t.match(
    record,
    {
      type: e.type,
      accountId: e.accountId,
      roleArn: e.roleArn,
      sessionName: e.sessionName,
      accessKeyId: e.values.accessKeyId,
      expired: false,
      error: null,
    },
    `${e.file}: type ${e.type}, account ${e.accountId}`,
  )
  t.match(record.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${e.file}: expiration in UTC, ending in Z`)
  t.equal(Date.parse(record.expiration ?? ''), Date.parse(e.values.expirationText), `${e.file}: the entry's expiration`)
}

const checkList = async (t: Test, h: Home, expected: Map<string, ExpectedEntry>): Promise<void> => {
  const r = await awscacheBin(h, ['list', '--json'])
  t.equal(r.code, 0, `awscache list --json: ${describeExit(r, AWSCACHE_TIMEOUT_MS)}`, { stderr: r.stderr })
  t.equal(r.stderr, '', 'no warnings')
  const records = JSON.parse(r.stdout) as ListedRecord[]
  t.same(records.map(rec => `${rec.id}.json`).sort(), [...expected.keys()].sort(), 'one record per entry the CLI wrote')
  for (const record of records) {
    const e = expected.get(`${record.id}.json`)
    if (e) checkListRecord(t, record, e)
  }
  for (const e of expected.values()) {
    t.notOk(r.stdout.includes(e.values.secretAccessKey), `${e.file}: no secret key in the listing`)
    t.notOk(r.stdout.includes(e.values.sessionToken), `${e.file}: no session token in the listing`)
  }
}

// The user's way: eval in a real bash, then read the variables back; each
// profile's `awscache env` output in a subshell of its own, all in one bash.
const ENV_SCRIPT = `for f in "$@"; do
  (eval "$(cat "$f")"
  printf '%s\\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION")
  printf '\\0'
done`

interface Evaluated {
  /** awscache env's run */
  env: ChildResult
  /** bash's run (all profiles') */
  bash: ChildResult
  /** what bash read back for this profile */
  read: string
}

const evalEnvsInBash = async (h: Home, profiles: string[]): Promise<Map<string, Evaluated>> => {
  const dir = tempFolder('awscache-e2e-env-')
  const runs: ChildResult[] = []
  const files: string[] = []
  for (const [i, profile] of profiles.entries()) {
    const r = await awscache(h, ['env', profile])
    runs.push(r)
    files.push(join(dir, `${i}.sh`))
    writeFileSync(files[i] as string, r.code === 0 ? r.stdout : 'exit 90')
  }
  const bash = await runChild('/bin/bash', ['-c', ENV_SCRIPT, 'bash', ...files], {
    env: { ...baseEnv(h.home), ...h.env },
    timeoutMs: AWSCACHE_TIMEOUT_MS,
  })
  rmSync(dir, { recursive: true, force: true })
  const read = bash.stdout.split('\0')
  return new Map(profiles.map((p, i) => [p, { env: runs[i] as ChildResult, bash, read: read[i] ?? '' }]))
}

const checkEnv = async (t: Test, x: Evaluated, e: ExpectedEntry): Promise<void> => {
  t.equal(x.env.code, 0, `awscache env: ${describeExit(x.env, AWSCACHE_TIMEOUT_MS)}`, { stderr: x.env.stderr })
  t.equal(x.bash.code, 0, `bash: ${describeExit(x.bash, AWSCACHE_TIMEOUT_MS)}`, { stderr: x.bash.stderr })
  const [keyId, secret, token, expiration, ...rest] = x.read.split('\n')
  t.equal(keyId, e.values.accessKeyId, 'AWS_ACCESS_KEY_ID')
  t.equal(secret, e.values.secretAccessKey, 'AWS_SECRET_ACCESS_KEY')
  t.equal(token, e.values.sessionToken, 'AWS_SESSION_TOKEN')
  t.match(expiration, /Z$/, 'AWS_CREDENTIAL_EXPIRATION ends in Z')
  t.equal(Date.parse(expiration ?? ''), Date.parse(e.values.expirationText), 'AWS_CREDENTIAL_EXPIRATION')
  t.same(rest, [''], 'nothing else')
}

const checkSql = async (t: Test, h: Home, profile: string, e: ExpectedEntry): Promise<void> => {
  const r = await awscache(h, ['sql', profile, '--dialect', 'redshift'])
  t.equal(r.code, 0, `awscache sql: ${describeExit(r, AWSCACHE_TIMEOUT_MS)}`, { stderr: r.stderr })
  t.ok(r.stdout.includes(`ACCESS_KEY_ID '${e.values.accessKeyId}'`), 'ACCESS_KEY_ID')
  t.ok(r.stdout.includes(`SECRET_ACCESS_KEY '${e.values.secretAccessKey}'`), 'SECRET_ACCESS_KEY')
  t.ok(r.stdout.includes(`SESSION_TOKEN '${e.values.sessionToken}'`), 'SESSION_TOKEN')
}

// the entry written last, when a profile has two (rule 6): awscache hands out that one
const entryOfProfile = (expected: Map<string, ExpectedEntry>, profile: string): ExpectedEntry | undefined =>
  [...expected.values()].reverse().find(e => e.profiles.includes(profile))

// ---------------------------------------------------------------- the test

// ---------------------------------------------------------------- scenarios

/** A home of its own: a config, the variables every run gets, the profiles to run. */
interface Scenario {
  title: string
  config: (webIdentityTokenFile: string) => string
  env: (webIdentityTokenFile: string) => Record<string, string>
  cases: (s: Secrets) => ProfileCase[]
  /** the profiles of each entry each CLI writes, sorted */
  entries: Record<Cli['name'], string[][]>
}

const SCENARIOS: Scenario[] = [
  {
    title: 'profiles given with --profile',
    config: configText,
    env: () => ({}),
    cases: profileCases,
    entries: {
      v2: [
        ['empty-session-name'],
        ['empty-token-file-sso'],
        ['mfa-role'],
        ['partner'],
        ['readonly'],
        ['sso-account-in-session'],
        ['sso-dev'],
        ['sso-legacy'],
        ['sso-nameless-session'],
        ['twin-a', 'twin-b'],
        ['two words'],
        ['unicode-duration'],
        ['web'],
      ],
      // v1 resolves the SSO profiles (rules 3, 4 and 5 included) but caches none of them
      v1: [
        ['empty-session-name'],
        ['mfa-role'],
        ['partner'],
        ['readonly'],
        ['twin-a', 'twin-b'],
        ['two words'],
        ['unicode-duration'],
        ['web'],
      ],
    },
  },
  {
    // issue 14, rule 6: AWS_ROLE_SESSION_NAME counts only without --profile: either entry is web's
    title: 'AWS_PROFILE=web and AWS_ROLE_SESSION_NAME set',
    config: tokenFile => `[profile web]
role_arn = arn:aws:iam::444444444444:role/web-identity
web_identity_token_file = ${tokenFile}
role_session_name = web-session
region = us-west-2
`,
    env: () => ({ AWS_PROFILE: 'web', AWS_ROLE_SESSION_NAME: 'pod-session' }),
    cases: s => [
      webCase(s, 'web', false, 'arn:aws:iam::444444444444:role/web-identity', 'web-session'),
      webCase(s, 'web', true, 'arn:aws:iam::444444444444:role/web-identity', 'pod-session'),
    ],
    entries: { v2: [['web'], ['web']], v1: [['web'], ['web']] },
  },
  {
    // rule 7: web identity from the environment alone (EKS/IRSA): the entry is default's
    title: 'web identity from the environment alone, no [default]',
    config: () => '[profile other]\nregion = eu-west-1\n',
    env: tokenFile => ({
      AWS_ROLE_ARN: IRSA_ROLE,
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_SESSION_NAME: 'irsa-pod',
      AWS_REGION: 'us-west-2',
    }),
    // v1 (botocore 1.x) reads the region from AWS_DEFAULT_REGION only, not AWS_REGION: with
    // no region it calls the global endpoint. The region is not part of the key: same entry.
    cases: s => [webCase(s, 'default', true, IRSA_ROLE, 'irsa-pod', 'sts.amazonaws.com')],
    entries: { v2: [['default']], v1: [['default']] },
  },
]

function webCase(
  s: Secrets,
  profile: string,
  inUse: boolean,
  roleArn: string,
  sessionName: string,
  v1Host?: string,
): ProfileCase {
  return {
    profile,
    inUse,
    call: {
      host: 'sts.us-west-2.amazonaws.com',
      ...(v1Host === undefined ? {} : { v1Host }),
      action: 'AssumeRoleWithWebIdentity',
      params: { RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: s.webIdentityToken },
    },
    entry: { type: 'assume-role', accountId: roleArn.split(':')[4] as string, roleArn },
  }
}

const howCalled = (c: ProfileCase): string =>
  c.inUse ? `(profile in use: ${c.profile})` : `--profile ${JSON.stringify(c.profile)}`

/** scenario title and how a profile was called -> the entry file the CLI wrote for it */
type FilesWritten = Map<string, string>

const runScenario = async (
  t: Test,
  cli: Cli,
  scenario: Scenario,
  secrets: Secrets,
  standin: StsStandin,
  written: FilesWritten,
): Promise<void> => {
  const h = makeHome(secrets, scenario)
  t.teardown(() => rmSync(h.home, { recursive: true, force: true }))
  const cases = scenario.cases(secrets)
  const observations: Observation[] = []
  // each run as by its own process, in one interpreter (test/helpers/real-aws.ts): the
  // interpreter's start is most of a run's cost, and the checks below see no difference
  const aws = startAwsRunner(cli.path, awsEnv(h, standin), AWS_TIMEOUT_MS)
  for (const c of cases) {
    await t.test(`aws ${howCalled(c)} sts get-caller-identity`, async t => {
      const observation = await runAwsFor(t, cli, c, h, standin, aws)
      observations.push(observation)
      const file = observation.created[0]
      if (file) written.set(`${scenario.title}: ${howCalled(c)}`, file)
    })
  }
  await aws.close()
  t.same(standin.refused, [], 'the CLI asked the proxy for nothing but the stand-in hosts')
  moveAll(h.collectedDir, h.cacheDir)
  const expected = groundTruth(observations, h.cacheDir)
  t.same(
    [...expected.values()].map(e => e.profiles).sort(),
    scenario.entries[cli.name],
    'the CLI wrote one entry per profile (and way of calling it), one shared by twins',
  )
  await t.test('each entry holds what the stand-in issued', async t => {
    for (const e of expected.values()) checkEntryAgainstIssued(t, e, standin.issued)
  })

  await t.test('awscache list --json maps every entry to its profiles', t => checkList(t, h, expected))
  const withEntry = [...new Set(cases.map(c => c.profile))].filter(p => entryOfProfile(expected, p))
  const evaluated = await evalEnvsInBash(h, withEntry)
  for (const profile of withEntry) {
    const e = entryOfProfile(expected, profile)
    if (!e) continue
    await t.test(`eval "$(awscache env ${JSON.stringify(profile)})" in bash gives the cached values`, t =>
      checkEnv(t, evaluated.get(profile) as Evaluated, e),
    )
    await t.test(`awscache sql ${JSON.stringify(profile)} --dialect redshift holds the cached values`, t =>
      checkSql(t, h, profile, e),
    )
  }
  for (const c of cases.filter(c => c.awscacheSays !== undefined)) {
    await t.test(`awscache env ${JSON.stringify(c.profile)}: no session, as the CLI has none (exit 3)`, async t => {
      const r = await awscache(h, ['env', c.profile])
      t.equal(r.code, 3, describeExit(r, AWSCACHE_TIMEOUT_MS))
      t.equal(r.stdout, '', 'prints nothing to eval')
      t.same(r.stderr.trimEnd().split('\n'), [c.awscacheSays], 'one line: why')
    })
  }
  // a session the CLI got but did not cache (v1's SSO): awscache has none to give either
  for (const c of cases.filter(c => c.call && !entryOfProfile(expected, c.profile))) {
    await t.test(
      `awscache env ${JSON.stringify(c.profile)}: no session, as the CLI ${cli.name} cached none (exit 3)`,
      async t => {
        const r = await awscache(h, ['env', c.profile])
        t.equal(r.code, 3, describeExit(r, AWSCACHE_TIMEOUT_MS))
        t.equal(r.stdout, '', 'prints nothing to eval')
        t.equal(r.stderr.split('\n')[0], `awscache: no cached session for profile "${c.profile}"`, 'says so')
      },
    )
  }
  if (cases.some(c => c.staticKeyId !== undefined)) {
    await t.test('a static-keys profile has no cached session (exit 3)', async t => {
      const r = await awscache(h, ['env', 'base'])
      t.equal(r.code, 3, describeExit(r, AWSCACHE_TIMEOUT_MS))
      t.equal(r.stdout, '', 'prints nothing to eval')
    })
  }
}

// rule 9: a plain value wrapped onto the next line: the CLI refuses the whole
// file; awscache warns once, as for the other files the CLI refuses
const checkWrappedValue = async (t: Test, cli: Cli, secrets: Secrets, standin: StsStandin): Promise<void> => {
  const scenario: Scenario = {
    title: 'wrapped value',
    config: () => '[profile wrapped]\nrole_arn =\n  arn:aws:iam::111111111111:role/readonly\nsource_profile = base\n',
    env: () => ({}),
    cases: () => [],
    entries: { v2: [], v1: [] },
  }
  const h = makeHome(secrets, scenario)
  t.teardown(() => rmSync(h.home, { recursive: true, force: true }))
  const first = standin.requests.length
  const refusal = await runChild(cli.path, ['--profile', 'wrapped', 'sts', 'get-caller-identity'], {
    env: awsEnv(h, standin),
    timeoutMs: AWS_TIMEOUT_MS,
    input: '',
    detached: true,
  })
  t.not(refusal.code, 0, `the CLI refuses the file: ${describeExit(refusal, AWS_TIMEOUT_MS)}`)
  t.match(refusal.stderr, /Unable to parse config file/, 'with its reason')
  t.same(standin.requests.slice(first), [], 'and calls nothing')
  const r = await awscacheBin(h, ['list', '--json'])
  t.equal(r.code, 0, describeExit(r, AWSCACHE_TIMEOUT_MS))
  t.same(r.stdout.trim(), '[]', 'no entries')
  t.match(
    r.stderr,
    /^awscache: warning: config file .*: the AWS CLI would refuse this file: option "role_arn" in \[profile wrapped\] continues on an indented line without "="/,
  )
  t.equal(r.stderr.trimEnd().split('\n').length, 1, 'one warning')
}

const runWithCli = async (
  t: Test,
  cli: Cli,
  secrets: Secrets,
  standin: StsStandin,
  written: FilesWritten,
): Promise<void> => {
  for (const scenario of SCENARIOS) {
    await t.test(scenario.title, t => runScenario(t, cli, scenario, secrets, standin, written))
  }
  await t.test('a config file the CLI refuses for a wrapped value: one warning', t =>
    checkWrappedValue(t, cli, secrets, standin),
  )
}

// botocore 1.x and the v2 branch build the cache key with the same code, so
// one profile's entry has one name whichever CLI wrote it: awscache needs no
// notion of which CLI a cache folder belongs to.
const checkSameNames = (t: Test, v1: FilesWritten, v2: FilesWritten): void => {
  t.ok(v1.size > 0, 'v1 wrote entries')
  for (const [how, file] of v1) t.equal(file, v2.get(how), `${how}: the same file as v2's`)
}

const main = async (): Promise<void> => {
  if (!existsSync(AWSCACHE)) {
    t.fail(`${AWSCACHE} is missing: run npm run build first (npm test does)`)
    return
  }
  const version = await runChild(AWS, ['--version'], { env: baseEnv(tmpdir()), timeoutMs: AWS_TIMEOUT_MS })
  if (!version.stdout.startsWith('aws-cli/2.')) {
    t.fail(`${AWS} is not the AWS CLI v2 (it says ${JSON.stringify(version.stdout.trim() || version.stderr.trim())})`)
    return
  }
  t.comment(`real CLI: ${version.stdout.trim()}`)
  const v1 = findAwsV1()
  if (v1.found) t.comment(`real CLI: ${v1.version} (${v1.path})`)
  // each CLI's part takes a few minutes on a busy machine; each aws run is bounded by AWS_TIMEOUT_MS
  t.setTimeout(v1.found ? 1_200_000 : 600_000)

  const secrets = makeSecrets()
  const standin = await startStsStandin({
    hosts: STANDIN_HOSTS,
    ssoAccessTokens: [secrets.acmeSsoToken, secrets.legacySsoToken, secrets.teamSsoToken, secrets.namelessSsoToken],
  })
  t.teardown(() => standin.stop())
  const written = { v1: new Map<string, string>(), v2: new Map<string, string>() }
  await t.test(`AWS CLI v2 (${AWS})`, t =>
    runWithCli(t, { name: 'v2', path: AWS, writesSsoEntries: true }, secrets, standin, written.v2),
  )
  if (v1.found) {
    await t.test(`AWS CLI v1 (${v1.path})`, t =>
      runWithCli(t, { name: 'v1', path: v1.path, writesSsoEntries: false }, secrets, standin, written.v1),
    )
    await t.test('v1 and v2 name each entry alike', async t => checkSameNames(t, written.v1, written.v2))
  } else if (v1.misconfigured) {
    t.fail(`AWSCACHE_TEST_AWS_V1 names no AWS CLI v1: ${v1.looked.join('; ')}`)
  } else {
    shout([
      'SKIPPED: the end-to-end test against the real AWS CLI v1 did NOT run: no AWS CLI v1 found',
      '(set AWSCACHE_TEST_AWS_V1, or pip install awscli into a pyenv version); looked at:',
      ...(v1.looked.length ? v1.looked : ['no aws in pyenv versions or on PATH']),
    ])
    await t.test(
      'AWS CLI v1',
      { skip: 'no AWS CLI v1 found (AWSCACHE_TEST_AWS_V1, pyenv versions, PATH)' },
      async () => {},
    )
  }
}

const missing = missingTools()
if (missing.length) {
  shout(['SKIPPED: the end-to-end test against the real AWS CLI did NOT run:', ...missing])
  t.plan(0, `real AWS CLI test not run: ${missing.join('; ')}`)
} else {
  await main()
}
