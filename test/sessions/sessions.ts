import { rmSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awsPaths } from '../../lib/aws/paths.js'
import { findSession, listSessions, type CacheInputs } from '../../lib/sessions/sessions.js'
import { FIXTURES, expectedProfiles } from '../helpers/home.js'
import { tempFolder } from '../helpers/temp.js'

// The fixtures' sessions expired at about 11:29:20 UTC on 2026-11-26: the clock is passed in.
const BEFORE = Date.UTC(2026, 10, 26, 10, 29, 30)
const SOON = Date.UTC(2026, 10, 26, 11, 20, 0)
const AFTER = Date.UTC(2026, 10, 26, 12, 0, 0)

const inputs = (fixture: string, now: number): CacheInputs => {
  const home = join(FIXTURES, fixture)
  return { paths: awsPaths({ env: {}, home }), env: {}, now }
}

for (const fixture of ['aws-cli-v1-home', 'aws-cli-v2-home']) {
  t.test(`listSessions maps ${fixture} as expected.json says`, async t => {
    const { sessions, warnings } = listSessions(inputs(fixture, BEFORE))
    const records = sessions.map(s => s.record)
    t.same(warnings, [])
    t.same(Object.fromEntries(records.map(r => [`${r.id}.json`, r.profiles])), expectedProfiles(fixture))
    for (const r of records) t.match(r, { expired: false, expiresInSeconds: Number, error: null })
    for (const s of listSessions(inputs(fixture, AFTER)).sessions) t.equal(s.record.expired, true)
  })
}

t.test('findSession: found, soon stale, expired', async t => {
  const found = findSession('sso-dev', inputs('aws-cli-v2-home', BEFORE))
  t.same(found.profiles, ['sso-dev'])
  t.equal(found.settings?.region, 'eu-west-1')
  t.equal(found.entry.credentials.accessKeyId, 'ASIAPQZVO2TAL9IS4APR')
  t.same(found.warnings, [])
  // 9 min 20 s left: the table's rule, whole minutes rounded down (it said "expires in 10 min" where list said 9m)
  t.same(findSession('sso-dev', inputs('aws-cli-v2-home', SOON)).warnings, [
    'the session for "sso-dev" has 9m left; the AWS CLI already treats it as stale',
  ])
  t.match(findSession('sso-dev', inputs('aws-cli-v2-home', SOON + 9 * 60_000)).warnings, [/has <1m left/])
  t.throws(() => findSession('sso-dev', inputs('aws-cli-v2-home', AFTER)), { exitCode: 4, message: /expired at/ })
  t.throws(() => findSession('sso-dev', inputs('aws-cli-v1-home', BEFORE)), {
    exitCode: 3,
    message: /no cached session for profile "sso-dev"/,
  })
  t.throws(() => findSession('default', inputs('aws-cli-v1-home', BEFORE)), {
    exitCode: 3,
    message: /has no cached session/,
  })
})

t.test('env/sql: a failure keeps the config warnings that may explain it', async t => {
  const dir = tempFolder('awscache-warn-')
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  // the config file is a folder: no profile can be found, and the warning says why
  const paths = { cacheDir: join(dir, 'cache'), configFile: dir, credentialsFile: join(dir, 'credentials') }
  t.throws(() => findSession('readonly', { paths, env: {}, now: Date.now() }), {
    name: 'AwscacheError',
    exitCode: 3,
    hints: [/^warning: config file .*: is a folder; read as empty$/],
  })
})
