import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { parseEntry, readEntry } from '../../lib/cache/entry.js'
import { readCacheDir } from '../../lib/cache/cache-dir.js'
import { tempFolder } from '../helpers/temp.js'

const fixtureCache = new URL('../fixtures/aws-cli-v2-home/.aws/cli/cache/', import.meta.url).pathname
const fixtureV1Cache = new URL('../fixtures/aws-cli-v1-home/.aws/cli/cache/', import.meta.url).pathname

const creds = (extra: Record<string, unknown> = {}) => ({
  AccessKeyId: 'ASIAEXAMPLE',
  SecretAccessKey: 'S3CR3T-VALUE',
  SessionToken: 'T0K3N-VALUE',
  Expiration: '2026-11-26T11:29:21Z',
  ...extra,
})

t.test('entries written by the real CLI v1 and v2', async t => {
  const v2 = readCacheDir(fixtureCache)
  t.same(
    v2.map(e => e.id).sort(),
    readdirSync(fixtureCache)
      .map(n => n.replace('.json', ''))
      .sort(),
  )
  const sso = v2.find(e => e.id === '3bb1ad0606315a2d0327168fa7674d716cba411a')
  t.match(sso, { error: null, type: 'sso', assumedRoleArn: null, accountId: null })
  const mfa = readEntry(join(fixtureCache, 'e16b54f656ccb369e72315ccbae6695711f5ba16.json'))
  t.match(mfa, {
    error: null,
    type: 'assume-role',
    assumedRoleArn: 'arn:aws:sts::123456789999:assumed-role/developer-role/vwalveranta',
    credentials: { accessKeyId: 'ASIACQTGVO48I6ILJBNE', expiration: Date.UTC(2026, 10, 26, 11, 29, 20) },
  })
  const v1 = readEntry(join(fixtureV1Cache, 'e16b54f656ccb369e72315ccbae6695711f5ba16.json'))
  t.match(v1, {
    error: null,
    accountId: '123456789999',
    credentials: { expiration: Date.UTC(2026, 10, 26, 11, 29, 24) },
  })
})

t.test('shapes that are not a cached session, each with a reason and no secret', async t => {
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   \n', /empty/],
    ['{"Credentials": {', /not valid JSON/],
    ['\ufeff{}', /not valid JSON/],
    ['[1]', /not an object/],
    ['null', /not an object/],
    ['{}', /no "Credentials"/],
    ['{"Credentials": null}', /no "Credentials"/],
    ['{"Credentials": "x"}', /no "Credentials"/],
    [JSON.stringify({ Credentials: creds({ AccessKeyId: undefined }) }), /AccessKeyId/],
    [JSON.stringify({ Credentials: creds({ SecretAccessKey: '' }) }), /SecretAccessKey/],
    [JSON.stringify({ Credentials: creds({ SessionToken: 5 }) }), /SessionToken/],
    [JSON.stringify({ Credentials: creds({ Expiration: undefined }) }), /Expiration" is missing/],
    [JSON.stringify({ Credentials: creds({ Expiration: 1795688961 }) }), /Expiration" is missing or not a string/],
    [JSON.stringify({ Credentials: creds({ Expiration: 'tomorrow' }) }), /Expiration" is not a date/],
  ]
  for (const [text, reason] of cases) {
    const parsed = parseEntry(text)
    t.match(parsed, { error: reason }, JSON.stringify(text))
    t.notMatch(String((parsed as { error: string }).error), /S3CR3T-VALUE|T0K3N-VALUE/)
  }
  t.match(parseEntry(JSON.stringify({ ProviderType: 'sso', Credentials: creds() })), { error: null, type: 'sso' })
})

t.test('files in the folder that are not entries, or not readable ones', async t => {
  const dir = tempFolder('awscache-entry-')
  writeFileSync(join(dir, 'good.json'), JSON.stringify({ Credentials: creds() }))
  writeFileSync(join(dir, 'other.txt'), 'x')
  writeFileSync(join(dir, 'partial.json.tmp'), '{')
  writeFileSync(join(dir, '.json'), '{}')
  mkdirSync(join(dir, 'folder.json'))
  symlinkSync('/dev/zero', join(dir, 'zero.json'))
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.json'))
  writeFileSync(join(dir, 'big.json'), Buffer.alloc(2 * 1024 * 1024, 0x20))
  const byId = Object.fromEntries(readCacheDir(dir).map(e => [e.id, e.error]))
  t.same(byId, {
    big: 'larger than 1048576 bytes',
    dangling: 'symbolic link to a missing file',
    good: null,
    zero: 'not a regular file',
  })
  t.equal(readEntry(join(dir, 'absent.json')), undefined)
  // the permission bits of a regular file come with it; a link's are its target's, not known here
  chmodSync(join(dir, 'good.json'), 0o640)
  t.equal(readEntry(join(dir, 'good.json'))?.mode, 0o640)
  t.equal(readEntry(join(dir, 'zero.json'))?.mode, null)
})

t.test('a missing cache folder is empty, a file in its place is an error', async t => {
  const dir = tempFolder('awscache-entry-')
  t.same(readCacheDir(join(dir, 'nope')), [])
  writeFileSync(join(dir, 'file'), '')
  t.throws(() => readCacheDir(join(dir, 'file')), { name: 'AwscacheError', message: /is not a folder/, exitCode: 1 })
})
