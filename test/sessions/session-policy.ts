// lib/sessions/session-policy.ts in-process, with a stand-in for the aws command: the
// cache, or a refresh through the AWS CLI, and that nothing cached is lost.
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awsPaths } from '../../lib/aws/paths.js'
import { sessionForUse, type AwsRunner, type SessionRequest } from '../../lib/sessions/session-policy.js'
import type { CacheInputs } from '../../lib/sessions/sessions.js'
import { cacheDirOf, fixtureHome, setExpiration } from '../helpers/home.js'
import { standIn } from '../helpers/fake-aws.js'

const READONLY = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'
const HOUR = 3_600_000

const setUp = (leftMs: number) => {
  const home = fixtureHome('aws-cli-v2-home', leftMs)
  // a second profile with the same role, so the same entry, but its own region
  appendFileSync(
    join(home, '.aws', 'config'),
    '\n[profile readonly-too]\nrole_arn = arn:aws:iam::123456789999:role/readonly\nsource_profile = my-iam-profile\nregion = eu-north-1\n',
  )
  const file = join(cacheDirOf(home), `${READONLY}.json`)
  const inputs: CacheInputs = { paths: awsPaths({ env: {}, home }), env: {}, now: Date.now() }
  return { home, file, inputs, original: readFileSync(file, 'utf8') }
}

/** What the AWS CLI writes: a new session for the entry, good for `leftMs`. */
const writeFresh =
  (file: string, original: string, leftMs: number, keyId = 'ASIAFRESHFRESHFRESH1') =>
  () => {
    writeFileSync(file, original.replace(/"AccessKeyId": "[^"]+"/, `"AccessKeyId": "${keyId}"`))
    setExpiration(file, Date.now() + leftMs)
  }

const asides = (home: string) => readdirSync(cacheDirOf(home)).filter(n => n.endsWith('.removing'))

const req = (o: Partial<SessionRequest> = {}): SessionRequest => ({
  wanted: 'readonly',
  minSeconds: 0,
  refresh: true,
  ...o,
})

t.test('a usable cached session: aws is not run', async t => {
  const { inputs } = setUp(2 * HOUR)
  const aws = standIn()
  const r = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), inputs, aws.runner, Date.now)
  t.equal(r.kind, 'found')
  t.same(aws.runs, [])
})

t.test('too short, without --refresh: too-short, nothing touched', async t => {
  const { inputs, file, original } = setUp(HOUR)
  const r = sessionForUse(
    req({ minSeconds: 2 * 3600, minText: '2h', refresh: false }),
    inputs,
    standIn().runner,
    Date.now,
  )
  t.match(r, { kind: 'too-short', message: /less than --min-remaining 2h/ })
  t.equal(readFileSync(file, 'utf8'), original)
})

for (const [name, effect, failure, cause] of [
  ['aws fails', undefined, 'aws --profile readonly sts get-caller-identity failed (exit 255)', 'failed'],
  ['aws caches nothing', undefined, undefined, 'nothing-written'],
] as const) {
  t.test(`too short, ${name}: the cached session is put back`, async t => {
    const { home, inputs, file, original } = setUp(12 * HOUR)
    const aws = standIn(effect, failure)
    const r = sessionForUse(req({ minSeconds: 13 * 3600, minText: '13h' }), inputs, aws.runner, Date.now)
    t.match(r, { kind: 'refresh-failed', cause, putBack: { kind: 'put-back' } })
    t.equal(aws.runs.length, 1, 'aws was run once')
    t.equal(readFileSync(file, 'utf8'), original, 'the 12-hour session is still there')
    t.same(asides(home), [])
  })
}

t.test('too short, aws unavailable: aws is not run and nothing is touched', async t => {
  const { home, inputs, file, original } = setUp(12 * HOUR)
  const aws = standIn(undefined, undefined, 'cannot refresh: the aws command is not on PATH')
  const r = sessionForUse(req({ minSeconds: 13 * 3600, minText: '13h' }), inputs, aws.runner, Date.now)
  t.match(r, { kind: 'refresh-failed', cause: 'unavailable', reason: /not on PATH/ })
  t.same(aws.runs, [])
  t.equal(readFileSync(file, 'utf8'), original)
  t.same(asides(home), [])
})

t.test('while aws runs, the short entry is out of its way', async t => {
  const { home, inputs, file, original } = setUp(30 * 60_000)
  let seen: string[] = []
  const aws = standIn(() => {
    seen = readdirSync(cacheDirOf(home))
    writeFresh(file, original, 12 * HOUR)()
  })
  const r = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), inputs, aws.runner, Date.now)
  t.match(r, {
    kind: 'found',
    refreshed: true,
    session: { entry: { credentials: { accessKeyId: 'ASIAFRESHFRESHFRESH1' } } },
  })
  t.notOk(seen.includes(`${READONLY}.json`), 'the AWS CLI could not reuse it')
  t.same(asides(home), [], 'the old one is gone once the fresh one is there')
})

t.test('a fresh session shorter than --min-remaining (a 1-hour role): used, with a warning, aws run once', async t => {
  const { inputs, file, original } = setUp(10 * 60_000)
  const aws = standIn(writeFresh(file, original, 59 * 60_000))
  const r = sessionForUse(req({ minSeconds: 3600, minText: '1h' }), inputs, aws.runner, Date.now)
  t.match(r, { kind: 'found', refreshed: true })
  if (r.kind === 'found')
    t.match(r.session.warnings, [/fresh session for "readonly" has 5\dm left, less than --min-remaining 1h/])
  t.equal(aws.runs.length, 1)
})

t.test('none or expired: aws runs for the profile the user named, not another sharing the entry', async t => {
  const { inputs, file, original } = setUp(-60_000)
  const aws = standIn(writeFresh(file, original, HOUR))
  const r = sessionForUse(req({ wanted: 'readonly-too' }), inputs, aws.runner, Date.now)
  t.match(r, { kind: 'found', refreshed: true })
  t.same(aws.runs, [['--profile', 'readonly-too', 'sts', 'get-caller-identity']])
  const byId = standIn(writeFresh(file, original, -60_000))
  const expired = sessionForUse(
    req({ wanted: READONLY }),
    { ...inputs, now: Date.now() + 2 * HOUR },
    byId.runner,
    () => Date.now() + 2 * HOUR,
  )
  t.match(expired, { kind: 'refresh-failed', cause: 'nothing-written' })
  t.equal(byId.runs[0]?.[1], 'readonly', 'an entry id: its first profile')
})

t.test('results without a refresh', async t => {
  const { inputs } = setUp(-60_000)
  t.match(sessionForUse(req({ refresh: false }), inputs, standIn().runner, Date.now), { kind: 'expired' })
  t.match(sessionForUse(req({ wanted: 'my-iam-profile' }), inputs, standIn().runner, Date.now), { kind: 'bad-name' })
  t.match(sessionForUse(req({ wanted: 'nope' }), inputs, standIn().runner, Date.now), { kind: 'bad-name' })
})

t.test(
  'no terminal for an MFA prompt (cannotPrompt): an MFA profile is refused before aws runs; others are not asked',
  async t => {
    const MFA = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
    const { home, inputs } = setUp(12 * HOUR)
    const mfaFile = join(cacheDirOf(home), `${MFA}.json`)
    const mfaOriginal = readFileSync(mfaFile, 'utf8')
    let asked = 0
    const aws = standIn()
    const runner: AwsRunner = { ...aws.runner, cannotPrompt: () => (asked++, 'there is no terminal to ask on') }
    const r = sessionForUse(
      req({ wanted: 'some-role-requiring-mfa', minSeconds: 13 * 3600, minText: '13h' }),
      inputs,
      runner,
      Date.now,
    )
    t.match(r, {
      kind: 'refresh-failed',
      cause: 'unavailable',
      reason:
        /^cannot refresh "some-role-requiring-mfa": the AWS CLI would ask for its MFA code, and there is no terminal to ask on; run awscache env some-role-requiring-mfa --refresh in a terminal first$/,
    })
    t.same(aws.runs, [], 'aws was not run')
    t.equal(readFileSync(mfaFile, 'utf8'), mfaOriginal, 'the short session is untouched, not set aside')
    t.same(asides(home), [])
    // a role without mfa_serial needs no prompt: aws runs, and whether there is a terminal is not asked
    asked = 0
    const plain = sessionForUse(req({ minSeconds: 13 * 3600, minText: '13h' }), inputs, runner, Date.now)
    t.equal(plain.kind, 'refresh-failed')
    t.equal(aws.runs.length, 1, 'aws was run for the profile without MFA')
    t.equal(asked, 0)
  },
)
