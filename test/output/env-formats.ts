import t from 'tap'
import {
  canUnset,
  ENV_FORMATS,
  formatEnv,
  MARKER_NAMES,
  markerVariables,
  PROFILE_VARIABLES,
  regionVariables,
  staleAccountVariables,
} from '../../lib/output/env-formats.js'
import {
  cmdValue,
  dotenvValue,
  quoteFish,
  quotePowershell,
  quoteSh,
  sqlLiteral,
  sqlLiteralBackslash,
} from '../../lib/output/quote.js'
import { formatUnset, UNSET_FORMATS } from '../../lib/output/unset-formats.js'

const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: "se'cr/et+",
  sessionToken: 'tok$en',
  expiration: Date.UTC(2026, 10, 26, 11, 29, 21),
}

t.test('each format, byte for byte', async t => {
  t.equal(
    formatEnv('sh', credentials),
    "export AWS_ACCESS_KEY_ID='ASIAEXAMPLE'\nexport AWS_SECRET_ACCESS_KEY='se'\\''cr/et+'\nexport AWS_SESSION_TOKEN='tok$en'\nexport AWS_CREDENTIAL_EXPIRATION='2026-11-26T11:29:21Z'\n",
  )
  t.equal(
    formatEnv('fish', credentials),
    "set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLE'\nset -gx AWS_SECRET_ACCESS_KEY 'se\\'cr/et+'\nset -gx AWS_SESSION_TOKEN 'tok$en'\nset -gx AWS_CREDENTIAL_EXPIRATION '2026-11-26T11:29:21Z'\n",
  )
  t.equal(
    formatEnv('powershell', credentials),
    "$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE'\n$Env:AWS_SECRET_ACCESS_KEY = 'se''cr/et+'\n$Env:AWS_SESSION_TOKEN = 'tok$en'\n$Env:AWS_CREDENTIAL_EXPIRATION = '2026-11-26T11:29:21Z'\n",
  )
  t.equal(
    formatEnv('dotenv', credentials),
    "AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=se'cr/et+\nAWS_SESSION_TOKEN=tok$en\nAWS_CREDENTIAL_EXPIRATION=2026-11-26T11:29:21Z\n",
  )
  t.same(JSON.parse(formatEnv('json', credentials)), {
    Version: 1,
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: "se'cr/et+",
    SessionToken: 'tok$en',
    Expiration: '2026-11-26T11:29:21Z',
  })
  t.equal(
    formatEnv('windows-cmd', { ...credentials, secretAccessKey: 'se/cr+et=', sessionToken: 'tok$en' }),
    'set AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nset AWS_SECRET_ACCESS_KEY=se/cr+et=\nset AWS_SESSION_TOKEN=tok$en\nset AWS_CREDENTIAL_EXPIRATION=2026-11-26T11:29:21Z\n',
  )
  // windows-cmd is new in issue 15 (after json, so the other choices keep their order)
  t.same(Object.keys(ENV_FORMATS), ['sh', 'fish', 'powershell', 'dotenv', 'json', 'windows-cmd'])
})

t.test('the account: AWS_ACCOUNT_ID and AccountId when the session knows it, nothing new when not', async t => {
  const known = { ...credentials, accountId: '123456789012' }
  t.equal(formatEnv('sh', known), formatEnv('sh', credentials) + "export AWS_ACCOUNT_ID='123456789012'\n")
  t.equal(formatEnv('fish', known), formatEnv('fish', credentials) + "set -gx AWS_ACCOUNT_ID '123456789012'\n")
  t.equal(
    formatEnv('powershell', known),
    formatEnv('powershell', credentials) + "$Env:AWS_ACCOUNT_ID = '123456789012'\n",
  )
  t.equal(formatEnv('dotenv', known), formatEnv('dotenv', credentials) + 'AWS_ACCOUNT_ID=123456789012\n')
  t.equal(formatEnv('windows-cmd', known), formatEnv('windows-cmd', credentials) + 'set AWS_ACCOUNT_ID=123456789012\n')
  // the field order of the SDKs' credential_process JSON, AccountId last (botocore's ProcessProvider reads it)
  t.equal(
    formatEnv('json', known),
    '{\n  "Version": 1,\n  "AccessKeyId": "ASIAEXAMPLE",\n  "SecretAccessKey": "se\'cr/et+",\n  "SessionToken": "tok$en",\n' +
      '  "Expiration": "2026-11-26T11:29:21Z",\n  "AccountId": "123456789012"\n}\n',
  )
  for (const unknown of [undefined, null, '']) {
    const c = { ...credentials, accountId: unknown }
    for (const f of Object.keys(ENV_FORMATS) as (keyof typeof ENV_FORMATS)[])
      t.equal(formatEnv(f, c), formatEnv(f, credentials), `${f}, account ${unknown}`)
    t.same(staleAccountVariables(c), ['AWS_ACCOUNT_ID'], 'an account of an earlier session is removed')
  }
  t.notMatch(formatEnv('json', credentials), /AccountId/)
  t.same(staleAccountVariables(known), [])
  t.throws(() => formatEnv('sh', { ...credentials, accountId: 'a\0b' }), { exitCode: 1, message: /NUL/ })
})

t.test('windows-cmd: what cmd.exe cannot carry exactly is refused, never mangled', async t => {
  t.equal(
    cmdValue("AbZ09+/=-_.:,;@#$~*()[]{}'`? \\"),
    "AbZ09+/=-_.:,;@#$~*()[]{}'`? \\",
    'the rest of printable ASCII as it is',
  )
  for (const ch of ['%', '^', '&', '|', '<', '>', '"', '!']) {
    t.throws(
      () => cmdValue(`a${ch}b`),
      {
        name: 'AwscacheError',
        exitCode: 1,
        message: `a value holds the character ${ch}, which cmd.exe cannot carry safely; nothing printed`,
      },
      ch,
    )
    t.throws(
      () => formatEnv('windows-cmd', { ...credentials, sessionToken: `tok${ch}` }),
      { exitCode: 1, message: /cmd\.exe/ },
      `${ch} in a session`,
    )
  }
  for (const br of ['\n', '\r', '\r\n'])
    t.throws(() => cmdValue(`a${br}b`), { exitCode: 1, message: /a line break/ }, JSON.stringify(br))
  t.throws(() => cmdValue('a\0b'), { exitCode: 1, message: /a NUL character/ })
  const name = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`
  for (const c of ['\t', '\x1b', '\x7f'])
    t.throws(() => cmdValue(`a${c}b`), { exitCode: 1, message: /a control character/ }, name(c))
  for (const c of ['é', '\u0085', '\u2028', '😀', '\ud800'])
    t.throws(() => cmdValue(`a${c}b`), { exitCode: 1, message: /outside printable ASCII/ }, name(c))
  t.throws(
    () => cmdValue(''),
    { exitCode: 1, message: /removes the variable/ },
    'set NAME= would remove it, not set it empty',
  )
  t.throws(
    () => formatEnv('windows-cmd', credentials, regionVariables('eu%PATH%')),
    { exitCode: 1, message: /character %/ },
    'the extra variables too',
  )
  t.equal(formatUnset('windows-cmd', ['AWS_PROFILE', 'AWSCACHE_EXPIRES']), 'set AWS_PROFILE=\nset AWSCACHE_EXPIRES=\n')
  t.same(Object.keys(UNSET_FORMATS), ['sh', 'fish', 'powershell', 'windows-cmd'])
})

t.test('quoting functions', async t => {
  t.equal(quoteSh("a'b"), `'a'\\''b'`)
  t.equal(quoteSh('$(x) `y` \\ ! %\n\t é'), "'$(x) `y` \\ ! %\n\t é'")
  t.equal(quoteFish("a'b\\c"), "'a\\'b\\\\c'")
  t.equal(quotePowershell("a'b\u2019c"), "'a''b\u2019\u2019c'")
  t.equal(sqlLiteral("a'b\\c"), "'a''b\\c'")
  t.equal(sqlLiteralBackslash("a'b\\c"), "'a''b\\\\c'")
  t.equal(dotenvValue('a b=c#d'), 'a b=c#d')
})

t.test('values a format cannot carry are refused, never half-quoted', async t => {
  for (const q of [quoteSh, quoteFish, quotePowershell, sqlLiteral, sqlLiteralBackslash]) {
    t.throws(() => q('a\0b'), { name: 'AwscacheError', exitCode: 1, message: /NUL/ })
  }
  t.throws(() => dotenvValue('a\nb'), { exitCode: 1, message: /line break/ })
  t.throws(() => dotenvValue('a\rb'), { exitCode: 1, message: /line break/ })
  t.throws(() => formatEnv('dotenv', { ...credentials, sessionToken: 'x\ny' }), { exitCode: 1, message: /line break/ })
})

t.test('region set, profile variables and stale markers unset (by the formats that can unset)', async t => {
  const region = regionVariables("eu-'west")
  const unset = [...PROFILE_VARIABLES, ...MARKER_NAMES]
  const base = (f: 'sh' | 'fish' | 'powershell' | 'dotenv') => formatEnv(f, credentials)
  t.equal(
    formatEnv('sh', credentials, region, unset),
    base('sh') +
      "export AWS_REGION='eu-'\\''west'\nexport AWS_DEFAULT_REGION='eu-'\\''west'\nunset AWS_PROFILE AWS_DEFAULT_PROFILE AWSCACHE_PROFILE AWSCACHE_EXPIRES\n",
  )
  t.equal(
    formatEnv('fish', credentials, region, ['AWS_PROFILE']),
    base('fish') +
      "set -gx AWS_REGION 'eu-\\'west'\nset -gx AWS_DEFAULT_REGION 'eu-\\'west'\nif set -q AWS_PROFILE; set -e AWS_PROFILE; end\n",
  )
  t.equal(
    formatEnv('powershell', credentials, region, ['AWS_PROFILE']),
    base('powershell') +
      "$Env:AWS_REGION = 'eu-''west'\n$Env:AWS_DEFAULT_REGION = 'eu-''west'\nRemove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n",
  )
  // a file cannot unset: dotenv gets the region only, json (credential_process) neither
  t.equal(
    formatEnv('dotenv', credentials, region, unset),
    base('dotenv') + "AWS_REGION=eu-'west\nAWS_DEFAULT_REGION=eu-'west\n",
  )
  t.equal(formatEnv('json', credentials, region, unset), formatEnv('json', credentials))
  t.equal(
    formatEnv('windows-cmd', credentials, regionVariables('eu-west-1'), ['AWS_PROFILE', 'AWS_ACCOUNT_ID']),
    formatEnv('windows-cmd', credentials) +
      'set AWS_REGION=eu-west-1\nset AWS_DEFAULT_REGION=eu-west-1\nset AWS_PROFILE=\nset AWS_ACCOUNT_ID=\n',
  )
  t.same(
    ['sh', 'fish', 'powershell', 'dotenv', 'json'].map(f => canUnset(f as keyof typeof ENV_FORMATS)),
    [true, true, true, false, false],
  )
  t.equal(canUnset('windows-cmd'), true)
  t.same(regionVariables(undefined), [])
  t.same(regionVariables(''), [], 'an empty region is no region')
  t.same(
    markerVariables('p', credentials).map(([n]) => n),
    [...MARKER_NAMES],
  )
  t.throws(() => formatEnv('sh', credentials, regionVariables('a\0b')), { exitCode: 1, message: /NUL/ })
  t.throws(() => formatEnv('dotenv', credentials, regionVariables('a\nb')), { exitCode: 1, message: /line break/ })
})
