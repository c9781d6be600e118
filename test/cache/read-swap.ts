// An entry that is a regular file when awscache first looks at it may be
// swapped, before the read, for a symbolic link to /dev/zero or a FIFO (a
// hostile local user with write access to the folder can do it). Whichever
// file-system call the swap comes before, reading must end at once, read no
// more than an entry's limit, and report the entry unreadable: never hang,
// never grow. Each read runs in a child process with a timeout and a memory
// ceiling, so that a failing reader cannot take the machine with it.
import { spawnSync } from 'node:child_process'
import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { readEntry } from '../../lib/cache/entry.js'
import { readTextFile } from '../../lib/cache/read-text-file.js'
import { runChild } from '../helpers/child.js'
import { mkfifoSync } from '../helpers/fifo.js'
import { tempFolder } from '../helpers/temp.js'

const ENTRY_JS = new URL('../../dist/lib/cache/entry.js', import.meta.url).pathname
const CHILD = new URL('../helpers/read-entry-with-swap.mjs', import.meta.url).pathname
const ENTRY = JSON.stringify({
  Credentials: {
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 'S3CR3T',
    SessionToken: 'T0K3N',
    Expiration: '2026-11-26T11:29:21Z',
  },
})
// virtual memory for the child, in KiB: plenty for Node.js, far less than an endless read of /dev/zero takes
const MEMORY_KIB = 2_000_000
const RSS_LIMIT = 300 * 1024 * 1024

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0

t.test('an entry swapped for a link to /dev/zero or a FIFO between the look and the read', async t => {
  const replacements = ['/dev/zero', 'fifo-link', ...(hasMkfifo ? ['fifo'] : [])]
  for (const replacement of replacements) {
    // the swap before the 1st, 2nd, 3rd ... call that names the file: every window a reader has
    for (let n = 1; n <= 4; n++) {
      const dir = tempFolder('awscache-swap-')
      const file = join(dir, 'e.json')
      writeFileSync(file, ENTRY)
      let target = replacement
      if (replacement === 'fifo-link') {
        target = join(dir, 'a-fifo')
        if (!hasMkfifo) continue
        mkfifoSync(target)
      }
      const r = await runChild(
        '/bin/sh',
        ['-c', `ulimit -v ${MEMORY_KIB}; exec "$0" "$@"`, process.execPath, CHILD, ENTRY_JS, file, target, String(n)],
        {
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
          timeoutMs: 30_000,
        },
      )
      const name = `${replacement}, swapped before call ${n}`
      t.equal(r.timedOut, false, `${name}: ends`)
      t.equal(r.code, 0, `${name}: exit 0 (${r.stderr.trim().split('\n').pop() ?? ''})`)
      if (r.code !== 0) continue
      const out = JSON.parse(r.stdout) as { error: string | null; calls: number; rss: number }
      t.ok(out.rss < RSS_LIMIT, `${name}: bounded memory (${out.rss} bytes)`)
      // once the swap has happened the entry is not a regular file; before it, the file was read whole
      if (n <= out.calls) t.equal(out.error, 'not a regular file', `${name}: unreadable`)
      else t.equal(out.error, null, `${name}: read before the swap`)
    }
  }
})

t.test('reading a link to /dev/zero, a FIFO with no writer, or a link to one, ends with a reason', async t => {
  const dir = tempFolder('awscache-swap-')
  symlinkSync('/dev/zero', join(dir, 'zero.json'))
  t.match(readEntry(join(dir, 'zero.json')), { error: 'not a regular file', mode: null })
  t.match(readTextFile(join(dir, 'zero.json'), 1024), { kind: 'unreadable', reason: 'not a regular file' })
  if (!hasMkfifo) return
  mkfifoSync(join(dir, 'fifo.json'))
  symlinkSync(join(dir, 'fifo.json'), join(dir, 'fifo-link.json'))
  for (const name of ['fifo.json', 'fifo-link.json']) {
    t.match(readEntry(join(dir, name)), { error: 'not a regular file', mode: null }, name)
    t.match(readTextFile(join(dir, name), 1024), { kind: 'unreadable', reason: 'not a regular file' }, name)
  }
})
