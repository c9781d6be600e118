import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { identityOf } from '../../lib/cache/cache-file.js'
import { removeEntryFile } from '../../lib/cache/remove-entry.js'
import { pruneSelection, removeSessions } from '../../lib/cache/remove-sessions.js'
import { listSessions } from '../../lib/sessions/sessions.js'
import { awsPaths } from '../../lib/aws/paths.js'
import { spawnSync } from 'node:child_process'
import { tempFolder } from '../helpers/temp.js'

const folder = () => tempFolder('awscache-rm-')

const entryText = (expiresAt: number, key = 'ASIAOLD') =>
  JSON.stringify({
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: new Date(expiresAt).toISOString(),
    },
  })

// What the AWS CLI does: write a temporary file, then rename it over the entry.
const cliReplaces = (file: string, text: string) => {
  writeFileSync(`${file}.tmp`, text)
  renameSync(`${file}.tmp`, file)
}

t.test('a regular file is removed; a missing one is "gone"', async t => {
  const dir = folder()
  const file = join(dir, 'a.json')
  writeFileSync(file, '{}')
  t.same(removeEntryFile(file), { kind: 'removed' })
  t.notOk(existsSync(file))
  t.same(removeEntryFile(file), { kind: 'gone' })
})

t.test('a symbolic link: the link goes, never its target', async t => {
  const dir = folder()
  const outside = join(folder(), 'precious')
  writeFileSync(outside, 'keep me')
  symlinkSync(outside, join(dir, 'link.json'))
  t.same(removeEntryFile(join(dir, 'link.json')), { kind: 'removed' })
  t.equal(readFileSync(outside, 'utf8'), 'keep me')
  symlinkSync(outside, join(dir, 'guarded.json'))
  t.same(removeEntryFile(join(dir, 'guarded.json'), identityOf(join(dir, 'guarded.json'))), { kind: 'removed' })
  t.equal(readFileSync(outside, 'utf8'), 'keep me')
})

t.test('folders, FIFOs and other names are refused', async t => {
  const dir = folder()
  mkdirSync(join(dir, 'sub.json'))
  writeFileSync(join(dir, 'sub.json', 'inner.json'), '{}')
  t.match(removeEntryFile(join(dir, 'sub.json')), { kind: 'refused', reason: 'not a regular file' })
  t.ok(existsSync(join(dir, 'sub.json', 'inner.json')))
  spawnSync('mkfifo', [join(dir, 'fifo.json')])
  t.match(removeEntryFile(join(dir, 'fifo.json')), { kind: 'refused' })
  writeFileSync(join(dir, 'other.txt'), 'x')
  t.match(removeEntryFile(join(dir, 'other.txt')), { kind: 'refused', reason: 'not a cache entry name' })
  t.ok(existsSync(join(dir, 'other.txt')))
})

t.test('prune never removes an entry the AWS CLI replaced after it was read', async t => {
  const dir = folder()
  const file = join(dir, 'role.json')
  writeFileSync(file, entryText(Date.now() - 60_000))
  const inputs = { paths: awsPaths({ env: {}, home: dir, cacheDir: dir }), env: {}, now: Date.now() }
  const selected = pruneSelection(listSessions(inputs).sessions, { unreadable: false, withinSeconds: 0 })
  t.equal(selected.length, 1, 'the expired entry is selected')

  // the race, made deterministic: the CLI writes a fresh session between the read and the removal
  const fresh = entryText(Date.now() + 3_600_000, 'ASIAFRESH')
  const removals = removeSessions(selected, { dryRun: false, guard: true, beforeRemove: f => cliReplaces(f, fresh) })
  t.same(
    removals.map(r => r.result),
    [{ kind: 'replaced' }],
  )
  t.equal(readFileSync(file, 'utf8'), fresh, 'the fresh entry is still in place')
  t.same(readdirSync(dir).sort(), ['role.json'], 'nothing left behind')
})

t.test('the entry is replaced even between the check and the rename aside', async t => {
  const dir = folder()
  const file = join(dir, 'role.json')
  writeFileSync(file, entryText(Date.now() - 60_000))
  const judged = identityOf(file)
  // simulate the worst moment: the identity check passed, then the CLI replaced it
  const fresh = entryText(Date.now() + 3_600_000, 'ASIAFRESH')
  cliReplaces(file, fresh)
  t.same(removeEntryFile(file, judged), { kind: 'replaced' })
  t.equal(readFileSync(file, 'utf8'), fresh)
})

t.test('unguarded removal (rm, clear) and dry runs', async t => {
  const dir = folder()
  writeFileSync(join(dir, 'a.json'), entryText(Date.now() + 60_000))
  const inputs = { paths: awsPaths({ env: {}, home: dir, cacheDir: dir }), env: {}, now: Date.now() }
  const { sessions } = listSessions(inputs)
  t.same(
    removeSessions(sessions, { dryRun: true, guard: false }).map(r => r.result),
    [{ kind: 'would-remove' }],
  )
  t.ok(existsSync(join(dir, 'a.json')))
  t.same(
    removeSessions(sessions, { dryRun: false, guard: false }).map(r => r.result),
    [{ kind: 'removed' }],
  )
  t.notOk(existsSync(join(dir, 'a.json')))
})

t.test('pruneSelection: expired; --unreadable; --within', async t => {
  const dir = folder()
  const now = Date.now()
  writeFileSync(join(dir, 'expired.json'), entryText(now - 1000))
  writeFileSync(join(dir, 'soon.json'), entryText(now + 10 * 60_000))
  writeFileSync(join(dir, 'later.json'), entryText(now + 3_600_000))
  writeFileSync(join(dir, 'broken.json'), '{')
  const { sessions } = listSessions({ paths: awsPaths({ env: {}, home: dir, cacheDir: dir }), env: {}, now })
  const ids = (unreadable: boolean, withinSeconds: number) =>
    pruneSelection(sessions, { unreadable, withinSeconds })
      .map(s => s.entry.id)
      .sort()
  t.same(ids(false, 0), ['expired'])
  t.same(ids(true, 0), ['broken', 'expired'])
  t.same(ids(false, 15 * 60), ['expired', 'soon'])
  t.same(ids(true, 2 * 3600), ['broken', 'expired', 'later', 'soon'])
})
