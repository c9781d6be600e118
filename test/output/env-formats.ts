import t from 'tap'
import { canUnset, ENV_FORMATS, formatEnv, MARKER_NAMES, markerVariables, PROFILE_VARIABLES, regionVariables } from '../../lib/output/env-formats.js'
import { dotenvValue, quoteFish, quotePowershell, quoteSh, sqlLiteral, sqlLiteralBackslash } from '../../lib/output/quote.js'

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
  t.same(Object.keys(ENV_FORMATS), ['sh', 'fish', 'powershell', 'dotenv', 'json'])
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
    base('sh') + "export AWS_REGION='eu-'\\''west'\nexport AWS_DEFAULT_REGION='eu-'\\''west'\nunset AWS_PROFILE AWS_DEFAULT_PROFILE AWSCACHE_PROFILE AWSCACHE_EXPIRES\n",
  )
  t.equal(
    formatEnv('fish', credentials, region, ['AWS_PROFILE']),
    base('fish') + "set -gx AWS_REGION 'eu-\\'west'\nset -gx AWS_DEFAULT_REGION 'eu-\\'west'\nif set -q AWS_PROFILE; set -e AWS_PROFILE; end\n",
  )
  t.equal(
    formatEnv('powershell', credentials, region, ['AWS_PROFILE']),
    base('powershell') + "$Env:AWS_REGION = 'eu-''west'\n$Env:AWS_DEFAULT_REGION = 'eu-''west'\nRemove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n",
  )
  // a file cannot unset: dotenv gets the region only, json (credential_process) neither
  t.equal(formatEnv('dotenv', credentials, region, unset), base('dotenv') + "AWS_REGION=eu-'west\nAWS_DEFAULT_REGION=eu-'west\n")
  t.equal(formatEnv('json', credentials, region, unset), formatEnv('json', credentials))
  t.same(['sh', 'fish', 'powershell', 'dotenv', 'json'].map(f => canUnset(f as keyof typeof ENV_FORMATS)), [true, true, true, false, false])
  t.same(regionVariables(undefined), [])
  t.same(regionVariables(''), [], 'an empty region is no region')
  t.same(markerVariables('p', credentials).map(([n]) => n), [...MARKER_NAMES])
  t.throws(() => formatEnv('sh', credentials, regionVariables('a\0b')), { exitCode: 1, message: /NUL/ })
  t.throws(() => formatEnv('dotenv', credentials, regionVariables('a\nb')), { exitCode: 1, message: /line break/ })
})
