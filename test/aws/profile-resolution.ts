// Which profiles the AWS CLI resolves at all, and with which cache key: the
// nine rules of issue 14, each from botocore's credentials.py. Two halves:
// the rules spelled out (expected keys are sha1(json.dumps(...)) computed
// with Python), and the same profiles resolved by botocore itself (Debian's
// awscli package installs it as awscli.botocore): its credential resolver is
// run for each profile and the key its fetcher computed, or the exception it
// raised, is compared with awscache's resolution.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import type { Env } from '../../lib/aws/paths.js'
import { indexProfiles, profilesByKey } from '../../lib/aws/profile-index.js'
import { cacheKeysOf, MAX_CHAIN_LENGTH, profileInUse, type Resolution } from '../../lib/aws/profile-resolution.js'
import { loadAwsConfig, type AwsConfig } from '../../lib/aws/profiles.js'
import { shout } from '../helpers/real-aws.js'
import { tempFolder } from '../helpers/temp.js'

const ROLE = 'arn:aws:iam::123456789999:role/x'
const WEB_ROLE = 'arn:aws:iam::123456789999:role/web'
const IRSA_ROLE = 'arn:aws:iam::123456789999:role/irsa'

const role = (extra = '') => `role_arn = ${ROLE}\nsource_profile = base\n${extra}`

const CONFIG = `[profile base]
aws_access_key_id = AKIAEXAMPLEEXAMPLE
aws_secret_access_key = not-a-real-secret

[profile plain]
region = eu-west-1

[profile no-name]
${role()}
[profile empty-name]
${role('role_session_name =')}
[profile dur-ascii]
${role('duration_seconds = 900')}
[profile dur-fullwidth]
${role('duration_seconds = ９００')}
[profile dur-arabic-indic]
${role('duration_seconds = ٩٠٠')}
[profile dur-devanagari]
${role('duration_seconds = ९००')}
[profile dur-mixed]
${role('duration_seconds = 9٠०')}
[profile dur-underscore]
${role('duration_seconds = 9_00')}
[profile dur-plus]
${role('duration_seconds = +900')}
[profile dur-inner-space]
${role('duration_seconds = \u3000900')}
[profile dur-negative]
${role('duration_seconds = -5')}
[profile dur-unit]
${role('duration_seconds = 15m')}
[profile dur-double-underscore]
${role('duration_seconds = 9__00')}

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333

[profile sso-account-from-session]
sso_session = acme
sso_role_name = Developer

[profile sso-same-account]
sso_session = acme
sso_role_name = Developer
sso_account_id = 111122223333

[profile web-empty-token]
role_arn = ${WEB_ROLE}
web_identity_token_file =

[profile web-empty-token-sso]
role_arn = ${WEB_ROLE}
web_identity_token_file =
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Developer

[sso-session ""]
sso_start_url = https://empty.awsapps.com/start
sso_region = us-east-1

[profile sso-empty-session]
sso_session =
sso_account_id = 111122223333
sso_role_name = Developer

[profile web]
role_arn = ${WEB_ROLE}
web_identity_token_file = /nonexistent/token
role_session_name = from-profile

[profile irsa]
region = us-west-2

[profile self-with-keys]
role_arn = ${ROLE}
source_profile = self-with-keys
aws_access_key_id = AKIAEXAMPLEEXAMPLE
aws_secret_access_key = not-a-real-secret

[profile chained]
role_arn = ${ROLE}
source_profile = no-name

[profile cs-environment]
role_arn = ${ROLE}
credential_source = Environment

# refused, each of them
[profile source-comment]
${role().replace('source_profile = base', 'source_profile = base # main account')}
[profile source-empty]
role_arn = ${ROLE}
source_profile =

[profile loop-a]
role_arn = ${ROLE}
source_profile = loop-b

[profile loop-b]
role_arn = ${ROLE}
source_profile = loop-a

[profile self-without-keys]
role_arn = ${ROLE}
source_profile = self-without-keys

[profile via-refused]
role_arn = ${ROLE}
source_profile = source-comment

[profile source-without-credentials]
role_arn = ${ROLE}
source_profile = plain

[profile cs-lower-case]
role_arn = ${ROLE}
credential_source = environment

[profile cs-comment]
role_arn = ${ROLE}
credential_source = Environment # CI runners

[profile cs-unknown]
role_arn = ${ROLE}
credential_source = SharedConfig

[profile both-sources]
role_arn = ${ROLE}
source_profile = base
credential_source = Environment

[profile no-source]
role_arn = ${ROLE}

[profile sso-no-such-session]
sso_session = nope
sso_account_id = 111122223333
sso_role_name = Developer

[profile sso-disagrees]
sso_session = acme
sso_role_name = Developer
sso_region = eu-west-1

[profile sso-other-account]
sso_session = acme
sso_role_name = Developer
sso_account_id = 999999999999

[profile sso-lacks-role]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333

[profile web-without-role]
web_identity_token_file = /nonexistent/token
`

const configFile = join(tempFolder('awscache-resolution-'), 'config')
writeFileSync(configFile, CONFIG)
const config: AwsConfig = loadAwsConfig({ configFile, credentialsFile: `${configFile}-no-credentials` })

// a resolution with the cache keys (file names) its key texts hash to
const withKeys = (r: Resolution | undefined): (Resolution & { keys?: string[] }) | undefined =>
  r?.kind === 'session' ? { ...r, keys: cacheKeysOf(r) } : r
const resolve = (name: string, env: Env = {}): (Resolution & { keys?: string[] }) | undefined =>
  withKeys(indexProfiles(config, env).resolutions.get(name))
const keysOf = (name: string, env: Env = {}): string[] | undefined => resolve(name, env)?.keys

t.test('the fixture itself is a file the CLI reads', async t => {
  t.same(config.warnings, [])
})

const NO_NAME_KEY = '1ad8ea716a648e633a7db145f1db682d712507d6' // {"RoleArn": ROLE}
const DURATION_900_KEY = '8d985b5fefdf9d1c217ee6dad3c900e940a02499' // {"DurationSeconds": 900, "RoleArn": ROLE}

t.test('rule 1: an empty role_session_name (or AWS_ROLE_SESSION_NAME) is no session name', async t => {
  t.same(keysOf('no-name'), [NO_NAME_KEY])
  t.same(keysOf('empty-name'), [NO_NAME_KEY], 'botocore makes one up (truth test) and leaves it out of the key')
  t.same(
    keysOf('web', { AWS_PROFILE: 'web', AWS_ROLE_SESSION_NAME: '' }),
    ['05092da9f2856dd02be5ec583c1addf90418d833', '68abd6ec05fedb548a9a346b767e2c2c94bb44ec'],
    'the empty variable wins over the profile (plain aws), and is no name: {"RoleArn": WEB_ROLE}',
  )
})

t.test('rule 2: duration_seconds is read with int()', async t => {
  for (const name of [
    'dur-ascii',
    'dur-fullwidth',
    'dur-arabic-indic',
    'dur-devanagari',
    'dur-mixed',
    'dur-underscore',
    'dur-plus',
    'dur-inner-space',
  ]) {
    t.same(keysOf(name), [DURATION_900_KEY], name)
  }
  t.same(keysOf('dur-negative'), ['34ca25863160cd1a4437bf6ced171ec88b022bd7'], 'a sign: {"DurationSeconds": -5, …}')
  t.same(keysOf('dur-unit'), [NO_NAME_KEY], 'int() fails: DurationSeconds is left out')
  t.same(keysOf('dur-double-underscore'), [NO_NAME_KEY], 'int() fails on "__"')
})

t.test('rule 3: SSO settings may come from the [sso-session] section', async t => {
  const r = resolve('sso-account-from-session')
  t.match(r, { kind: 'session', type: 'sso', keys: ['3bb1ad0606315a2d0327168fa7674d716cba411a'] })
  t.equal(
    r?.kind === 'session' ? r.settings.sso_account_id : undefined,
    '111122223333',
    'the merged settings describe the entry',
  )
  t.same(keysOf('sso-same-account'), keysOf('sso-account-from-session'), 'the same value in both places agrees')
  const leaky = {
    ...config,
    profiles: new Map([
      ['p', Object.assign(Object.create(null), { sso_session: 'k', sso_role_name: 'R', aws_secret_access_key: 'one' })],
    ]),
  }
  leaky.ssoSessions = new Map([['k', Object.assign(Object.create(null), { aws_secret_access_key: 'two' })]])
  t.match(
    indexProfiles(leaky, {}).resolutions.get('p'),
    { kind: 'refused', reason: 'aws_secret_access_key differs in [sso-session "k"]' },
    'no secret in a reason',
  )
})

t.test('rule 4: an empty web_identity_token_file falls through to SSO, or to nothing', async t => {
  t.match(resolve('web-empty-token'), { kind: 'none', reason: /web_identity_token_file is empty/ })
  t.match(resolve('web-empty-token-sso'), {
    kind: 'session',
    type: 'sso',
    keys: ['bcc43aa002b78884a76b8c287bd6876d1712bac2'],
  })
})

t.test('rule 5: an empty sso_session names the [sso-session ""] section and is keyed by its start URL', async t => {
  t.match(resolve('sso-empty-session'), {
    kind: 'session',
    type: 'sso',
    keys: ['58d91e8dda1e1116aee56bf8fbd0ded561eb2cdf'],
  })
  const without = { ...config, ssoSessions: new Map([...config.ssoSessions].filter(([name]) => name !== '')) }
  t.match(indexProfiles(without, {}).resolutions.get('sso-empty-session'), {
    kind: 'refused',
    reason: 'sso_session "" names no [sso-session] section',
  })
})

t.test('rule 6: AWS_ROLE_SESSION_NAME counts only for the profile in use (no --profile)', async t => {
  const fromProfile = '05092da9f2856dd02be5ec583c1addf90418d833' // RoleSessionName from-profile
  const fromEnv = 'c465e9bd61a6dc2f32e3e88c768a9ed4d4e74998' // RoleSessionName ci
  t.same(keysOf('web', { AWS_ROLE_SESSION_NAME: 'ci' }), [fromProfile], 'not in use: only --profile web reaches it')
  t.same(
    keysOf('web', { AWS_PROFILE: 'web', AWS_ROLE_SESSION_NAME: 'ci' }),
    [fromProfile, fromEnv],
    'in use: either entry',
  )
  t.same(
    keysOf('web', { AWS_DEFAULT_PROFILE: 'web', AWS_ROLE_SESSION_NAME: 'ci' }),
    [fromProfile, fromEnv],
    'AWS_DEFAULT_PROFILE too',
  )
  t.equal(profileInUse({ AWS_PROFILE: 'a', AWS_DEFAULT_PROFILE: 'b' }), 'a')
  t.equal(profileInUse({ AWS_PROFILE: '' }), 'default')
})

t.test('rule 7: web identity from the environment alone belongs to the profile in use', async t => {
  const env = { AWS_ROLE_ARN: IRSA_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_SESSION_NAME: 'pod' }
  const podKey = 'db2e9c4b379bc997e5d2115dacba3096cd797602'
  const index = indexProfiles(config, env)
  t.match(
    withKeys(index.resolutions.get('default')),
    { kind: 'session', keys: [podKey], settings: { role_arn: IRSA_ROLE } },
    'default, with no [default] section',
  )
  t.same(profilesByKey(index).get(podKey), ['default'])
  t.match(resolve('irsa', env), { kind: 'none' }, 'not in use: nothing')
  t.match(resolve('irsa', { ...env, AWS_PROFILE: 'irsa' }), { kind: 'session', keys: [podKey] })
  t.notOk(indexProfiles(config, { ...env, AWS_PROFILE: 'irsa' }).resolutions.has('default'))
  t.notOk(indexProfiles(config, {}).resolutions.has('default'), 'no environment: no made-up default')
  t.same(keysOf('no-name', { ...env, AWS_PROFILE: 'no-name' }), [NO_NAME_KEY], 'an assume-role profile comes first')
})

t.test('rule 8: a profile the CLI refuses maps to nothing, with the reason', async t => {
  const refusals: Record<string, string | RegExp> = {
    'source-comment': 'source_profile "base # main account" is not a profile',
    'source-empty': 'source_profile "" is not a profile',
    'loop-a': 'source_profile chain loops: "loop-a" -> "loop-b" -> "loop-a"',
    'self-without-keys': 'source_profile chain loops: "self-without-keys" -> "self-without-keys"',
    'via-refused':
      'source_profile "base # main account" is not a profile (in profile "source-comment", a source profile of "via-refused")',
    'cs-lower-case': 'credential_source "environment" is not one of Environment, Ec2InstanceMetadata, EcsContainer',
    'cs-comment':
      'credential_source "Environment # CI runners" is not one of Environment, Ec2InstanceMetadata, EcsContainer',
    'cs-unknown': /^credential_source "SharedConfig" is not one of/,
    'both-sources': 'both source_profile and credential_source are set',
    'no-source': 'role_arn without source_profile or credential_source',
    'sso-no-such-session': 'sso_session "nope" names no [sso-session] section',
    'sso-disagrees': 'sso_region is "eu-west-1" in the profile but "us-east-1" in [sso-session "acme"]',
    'sso-other-account': 'sso_account_id is "999999999999" in the profile but "111122223333" in [sso-session "acme"]',
    'sso-lacks-role': 'profile "sso-lacks-role" uses SSO but lacks sso_role_name',
    'web-without-role': 'web_identity_token_file is set but role_arn is not',
  }
  const index = indexProfiles(config, {})
  const mapped = new Set([...index.profilesOfKeyText.values()].flat())
  for (const [name, reason] of Object.entries(refusals)) {
    t.match(index.resolutions.get(name), { kind: 'refused', reason }, name)
    t.notOk(mapped.has(name), `${name} is no entry's profile`)
  }
  // the refused twins share their keys with valid profiles, which keep them
  t.same(profilesByKey(index).get(NO_NAME_KEY), [
    'chained',
    'cs-environment',
    'dur-double-underscore',
    'dur-unit',
    'empty-name',
    'no-name',
    'self-with-keys',
    'source-without-credentials',
  ])
  t.match(
    withKeys(index.resolutions.get('cs-environment')),
    { kind: 'session', keys: [NO_NAME_KEY] },
    'the exact name is fine',
  )
  // botocore 2.9.19 refuses this one ("must have credentials"), newer CLIs not
  // when the source has a login_session: awscache does not refuse it
  t.match(withKeys(index.resolutions.get('source-without-credentials')), { kind: 'session', keys: [NO_NAME_KEY] })
})

t.test('rule 9: a plain value wrapped onto the next line: the file gets the one warning', async t => {
  const dir = tempFolder('awscache-resolution-')
  const paths = { configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') }
  writeFileSync(
    paths.configFile,
    `[profile a]\nrole_arn =\n  ${ROLE}\nsource_profile = base\n[profile b]\ns3 =\n  addressing_style = path\n`,
  )
  const c = loadAwsConfig(paths)
  t.same(c.warnings.length, 1)
  t.match(
    c.warnings[0],
    /^config file .*config: the AWS CLI would refuse this file: option "role_arn" in \[profile a\] continues on an indented line without "="; read what could be read$/,
  )
  writeFileSync(
    paths.configFile,
    `[profile b]\ns3 =\n  addressing_style = path\n\n  signature_version = s3v4\n[profile c]\nregion = eu-west-1\n  more\n`,
  )
  t.same(loadAwsConfig(paths).warnings, [], 'nested settings, and a value that starts on its own line, are fine')
  writeFileSync(paths.credentialsFile, `[x]\naws_access_key_id =\n  AKIA\n`)
  t.match(loadAwsConfig(paths).warnings, [/^credentials file .*option "aws_access_key_id" in \[x\] continues/])
})

// ---------------------------------------------------------------- botocore itself

const PYTHON = '/usr/bin/python3'
const ORACLE = `
import json, os, sys
from awscli.botocore.session import Session
from awscli.botocore import credentials as C

def fetcher_of(creds):
    refresh = getattr(creds, '_refresh_using', None)
    if refresh is None:
        return None
    # an MFA profile's refresher wraps the fetcher's method
    return getattr(refresh, '__self__', None) or refresh._refresh.__self__

out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(case['env'])
    session = Session()
    if case['profile'] is not None:
        session.set_config_variable('profile', case['profile'])
    try:
        creds = C.create_credential_resolver(session, cache={}).load_credentials()
    except Exception as e:
        out.append({'refused': '%s: %s' % (type(e).__name__, e)})
        continue
    fetcher = None if creds is None else fetcher_of(creds)
    if fetcher is None or not hasattr(fetcher, '_cache_key'):
        out.append({'none': None if creds is None else creds.method})
    else:
        out.append({'key': fetcher._cache_key})
json.dump(out, sys.stdout)
`

interface Outcome {
  key?: string
  refused?: string
  none?: string | null
}

const botocoreCanRun = (): boolean =>
  spawnSync(PYTHON, ['-c', 'import awscli.botocore.credentials'], { stdio: 'ignore', timeout: 60_000 }).status === 0

const runBotocore = (cases: { profile: string | null; env: Env }[]): Outcome[] => {
  const r = spawnSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) throw new Error(`botocore harness failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as Outcome[]
}

// What awscache must say, from botocore's answers: --profile P, and a plain
// call when P is the profile in use.
const expectedFrom = (
  withProfile: Outcome | undefined,
  plain: Outcome | undefined,
): { kind: string; keys: string[] } => {
  const keys = [withProfile?.key, plain?.key].filter((k): k is string => k !== undefined)
  if (keys.length) return { kind: 'session', keys: [...new Set(keys)].sort() }
  const kind = (withProfile ?? plain)?.refused !== undefined ? 'refused' : 'none'
  return { kind, keys: [] }
}

const actual = (r: Resolution | undefined): { kind: string; keys: string[] } =>
  r === undefined
    ? { kind: 'absent', keys: [] }
    : { kind: r.kind, keys: r.kind === 'session' ? cacheKeysOf(r).sort() : [] }

t.test('botocore resolves every profile as awscache does', async t => {
  if (!botocoreCanRun()) {
    shout([`SKIPPED: botocore itself (${PYTHON}, import awscli.botocore) is not here: apt-get install awscli`])
    t.pass('skipped: no awscli.botocore')
    return
  }
  const dir = tempFolder('awscache-resolution-home-')
  // no credentials file; the source for credential_source = Environment
  const baseEnv: Env = {
    HOME: dir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  }
  const names = [...config.profiles.keys()]
  const withKeys = { ...baseEnv, AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' }
  const all = runBotocore(names.map(profile => ({ profile, env: withKeys })))
  t.ok(
    all.some(o => o.refused) && all.some(o => o.key) && all.some(o => 'none' in o),
    'botocore answered all three ways',
  )
  names.forEach((name, i) => {
    // the one difference, on purpose (see rule 8 above)
    if (name === 'source-without-credentials') {
      t.match(
        all[i],
        { refused: /must have credentials/ },
        'botocore 2.9.19 refuses a source profile without credentials',
      )
      return
    }
    t.same(actual(resolve(name)), expectedFrom(all[i], undefined), `--profile ${name}: ${JSON.stringify(all[i])}`)
  })

  // the profile in use, read with the environment (no static keys in it: they would win)
  const inUse: Env[] = [
    { AWS_PROFILE: 'web', AWS_ROLE_SESSION_NAME: 'ci' },
    { AWS_PROFILE: 'web', AWS_ROLE_SESSION_NAME: '' },
    { AWS_PROFILE: 'web', AWS_ROLE_ARN: IRSA_ROLE },
    { AWS_PROFILE: 'web', AWS_WEB_IDENTITY_TOKEN_FILE: '' },
    { AWS_ROLE_ARN: IRSA_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token', AWS_ROLE_SESSION_NAME: 'pod' },
    { AWS_ROLE_ARN: IRSA_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' },
    { AWS_PROFILE: 'irsa', AWS_ROLE_ARN: IRSA_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' },
    { AWS_PROFILE: 'web-empty-token', AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' },
    { AWS_PROFILE: 'web-without-role', AWS_ROLE_ARN: IRSA_ROLE },
    { AWS_PROFILE: 'no-name', AWS_ROLE_ARN: IRSA_ROLE, AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token' },
  ]
  const cases = inUse.flatMap(env => {
    const name = profileInUse(env)
    const full = { ...baseEnv, ...env } as Env
    return [...(config.profiles.has(name) ? [{ profile: name, env: full }] : []), { profile: null, env: full }]
  })
  const outcomes = runBotocore(cases)
  let at = 0
  for (const env of inUse) {
    const name = profileInUse(env)
    const withProfile = config.profiles.has(name) ? outcomes[at++] : undefined
    const plain = outcomes[at++]
    t.same(actual(resolve(name, env)), expectedFrom(withProfile, plain), `${name} in use with ${JSON.stringify(env)}`)
  }
})

t.test(
  "a long source_profile chain: linear to index, and refused past the bound, as botocore's recursion fails",
  async t => {
    const chained = (length: number): AwsConfig => {
      const lines = ['[profile base]', 'aws_access_key_id = AKIAEXAMPLEEXAMPLE', 'aws_secret_access_key = x', '']
      for (let i = 0; i < length; i++)
        lines.push(
          `[profile c${i}]`,
          `role_arn = ${ROLE}${i}`,
          `source_profile = ${i + 1 < length ? `c${i + 1}` : 'base'}`,
          '',
        )
      const file = join(tempFolder('awscache-chain-'), 'config')
      writeFileSync(file, lines.join('\n'))
      return loadAwsConfig({ configFile: file, credentialsFile: `${file}-none` })
    }
    const short = indexProfiles(chained(MAX_CHAIN_LENGTH), {})
    t.match(short.resolutions.get('c0'), { kind: 'session' }, 'a chain within the bound resolves')
    t.match(
      indexProfiles(chained(MAX_CHAIN_LENGTH + 1), {}).resolutions.get('c0'),
      { kind: 'refused' },
      'one more role is refused',
    )
    // 60,000 chained profiles: this ended in "Maximum call stack size exceeded" (and took cubic time)
    const long = indexProfiles(chained(60_000), {})
    t.match(long.resolutions.get('c0'), {
      kind: 'refused',
      reason: `source_profile chain is longer than ${MAX_CHAIN_LENGTH} roles`,
    })
    t.match(long.resolutions.get('c59990'), { kind: 'session' }, 'near the end of the chain, within the bound')
  },
)
