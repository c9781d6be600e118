// readEntry reads a plain regular file in one call (a folder can hold
// thousands of entries) and leaves everything else to readTextFile: the result
// must be exactly what readTextFile and parseEntry make of the same file.
import { spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import t from 'tap'
import type { FileIdentity } from '../../lib/cache/cache-file.js'
import { MAX_ENTRY_BYTES, parseEntry, readEntry, type Entry } from '../../lib/cache/entry.js'
import { readTextFile } from '../../lib/cache/read-text-file.js'
import { tempFolder } from '../helpers/temp.js'

// The reading as it was before the quick path: the specification.
const reference = (file: string): Entry | undefined => {
  let identity: FileIdentity
  let mode: number | null
  try {
    const st = lstatSync(file)
    identity = { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs }
    mode = st.isFile() ? st.mode & 0o7777 : null
  } catch (er) {
    if ((er as NodeJS.ErrnoException).code === 'ENOENT' || (er as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined
    throw er
  }
  const base = { id: basename(file, '.json'), file, identity, mode }
  const content = readTextFile(file, MAX_ENTRY_BYTES)
  if (content.kind === 'missing') return { ...base, error: 'symbolic link to a missing file' }
  if (content.kind === 'unreadable') return { ...base, error: content.reason }
  if (content.invalidUtf8) return { ...base, error: 'not valid UTF-8' }
  return { ...base, ...parseEntry(content.text) }
}

const ENTRY = JSON.stringify({
  Credentials: {
    AccessKeyId: 'ASIAEXAMPLEEXAMPLE00',
    SecretAccessKey: 'secret/secret+secret',
    SessionToken: 'token',
    Expiration: '2026-11-26T11:29:20+00:00',
  },
  AssumedRoleUser: { Arn: 'arn:aws:sts::123456789999:assumed-role/developer-role/me' },
})

t.test('every kind of file reads as readTextFile and parseEntry read it', async t => {
  const dir = tempFolder('awscache-quick-')
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content)
    return join(dir, name)
  }
  const files: Record<string, string> = {
    valid: file('valid.json', ENTRY),
    'byte-order mark': file('bom.json', `\ufeff${ENTRY}`),
    'invalid UTF-8': file(
      'latin1.json',
      Buffer.concat([Buffer.from(ENTRY.slice(0, -2)), Buffer.from([0xe9, 0x22, 0x7d])]),
    ),
    'a lone surrogate in UTF-8': file(
      'surrogate.json',
      Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
    ),
    'a real U+FFFD': file('fffd.json', ENTRY.replace('secret/secret', 'secret\ufffdsecret')),
    'non-ASCII text': file('utf8.json', ENTRY.replace('/me', '/Jürgen-日本')),
    empty: file('empty.json', ''),
    'white space': file('space.json', ' \n\t '),
    'not JSON': file('text.json', 'hello'),
    truncated: file('truncated.json', ENTRY.slice(0, 100)),
    'no credentials': file('other.json', '{"a": 1}'),
    'long, under the limit': file('long.json', ENTRY.replace('"token"', JSON.stringify('t'.repeat(400_000)))),
    'over the limit': file('big.json', ENTRY.replace('"token"', JSON.stringify('t'.repeat(MAX_ENTRY_BYTES)))),
    'over the limit in characters of 3 bytes': file(
      'big3.json',
      ENTRY.replace('"token"', JSON.stringify('日'.repeat(MAX_ENTRY_BYTES / 3))),
    ),
    'mode 000': file('private.json', ENTRY),
    missing: join(dir, 'missing.json'),
    'under a file': join(dir, 'valid.json', 'x.json'),
  }
  chmodSync(files['mode 000'] as string, 0)
  mkdirSync(join(dir, 'folder.json'))
  files.folder = join(dir, 'folder.json')
  symlinkSync(files.valid as string, join(dir, 'link.json'))
  files['link to an entry'] = join(dir, 'link.json')
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.json'))
  files['link to nothing'] = join(dir, 'dangling.json')
  symlinkSync('/dev/null', join(dir, 'device.json'))
  files['link to a device'] = join(dir, 'device.json')
  if (spawnSync('mkfifo', [join(dir, 'fifo.json')]).status === 0) files.FIFO = join(dir, 'fifo.json')

  // an identity is compared by the fields that make it (reading changes the file's atime)
  const comparable = (entry: Entry | undefined) =>
    entry && {
      ...entry,
      identity: entry.identity && {
        dev: entry.identity.dev,
        ino: entry.identity.ino,
        size: entry.identity.size,
        mtimeMs: entry.identity.mtimeMs,
      },
    }
  for (const [name, path] of Object.entries(files))
    t.same(comparable(readEntry(path)), comparable(reference(path)), name)
  t.match(readEntry(files.valid as string), { error: null, credentials: { accessKeyId: 'ASIAEXAMPLEEXAMPLE00' } })
  t.match(readEntry(files['invalid UTF-8'] as string), { error: 'not valid UTF-8' })
  t.match(readEntry(files['a real U+FFFD'] as string), { error: null })
  t.match(readEntry(files['over the limit in characters of 3 bytes'] as string), { error: /^larger than/ })
  t.equal(readEntry(files.missing as string), undefined)
})
