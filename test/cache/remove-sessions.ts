import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { readEntry } from '../../lib/cache/entry.js'
import { removeSessions } from '../../lib/cache/remove-sessions.js'
import { sessionRecord } from '../../lib/sessions/session-record.js'
import { tempFolder } from '../helpers/temp.js'

t.test('a dry run leaves alone what the real run would leave alone (a FIFO named *.json)', async t => {
  const dir = tempFolder('awscache-dry-')
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const fifo = join(dir, 'fifo.json')
  execFileSync('mkfifo', [fifo])
  const plain = join(dir, 'plain.json')
  writeFileSync(plain, 'not json')
  const sessions = [fifo, plain].map(file => {
    const entry = readEntry(file)
    if (!entry) throw new Error(`${file} vanished`)
    return { entry, record: sessionRecord(entry, [], undefined, Date.now()) }
  })
  const kinds = removeSessions(sessions, { dryRun: true, guard: true }).map(r => r.result.kind)
  t.same(kinds, ['refused', 'would-remove'])
})
