import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { permissionWarnings } from '../../lib/cache/permissions.js'
import { tempFolder } from '../helpers/temp.js'

// A cache folder as the AWS CLI makes it: folder 0755 (umask 022), entries 0600.
const cache = (entryModes: number[], dirMode = 0o755): { dir: string; files: string[] } => {
  // removed when the process ends (tempFolder); a teardown on the root test would end it early in test/unit-tests.ts
  const dir = tempFolder('awscache-perm-')
  const files = entryModes.map((mode, i) => {
    const file = join(dir, `${String(i).repeat(40).slice(0, 40)}.json`)
    writeFileSync(file, '{}')
    chmodSync(file, mode)
    return file
  })
  chmodSync(dir, dirMode)
  return { dir, files }
}

const paths = (files: string[]) => files.map(file => ({ file }))

t.test('the modes the AWS CLI itself uses give no warning', async t => {
  const { dir, files } = cache([0o600, 0o600, 0o400])
  t.same(permissionWarnings({ cacheDir: dir, entries: paths(files) }), [])
  // 0700 too, and a folder that does not exist yet (a fresh machine)
  chmodSync(dir, 0o700)
  t.same(permissionWarnings({ cacheDir: dir, entries: paths(files) }), [])
  t.same(permissionWarnings({ cacheDir: join(dir, 'missing'), entries: [] }), [])
})

t.test('one entry readable by others: one line naming it and the fix', async t => {
  const { dir, files } = cache([0o600, 0o644])
  const w = permissionWarnings({ cacheDir: dir, entries: paths(files) })
  t.equal(w.length, 1)
  t.match(w[0], /^cache entry 1{40}\.json \(mode 0644\) is readable or writable by group or others/)
  t.match(w[0], new RegExp(`run: chmod go-rwx ${dir}/\\*\\.json$`))
})

t.test('many open entries: still one line, with the count', async t => {
  const { dir, files } = cache([0o640, 0o604, 0o620, 0o600])
  const w = permissionWarnings({ cacheDir: dir, entries: paths(files) })
  t.equal(w.length, 1)
  t.match(w[0], /^3 cache entries are readable or writable by group or others/)
})

t.test('a folder others may write is warned about; a sticky one (like /tmp) is not', async t => {
  const { dir, files } = cache([0o600], 0o777)
  const w = permissionWarnings({ cacheDir: dir, entries: paths(files) })
  t.equal(w.length, 1)
  t.match(w[0], /cache folder .* \(mode 0777\) can be written by group or others.*run: chmod go-w /)
  chmodSync(dir, 0o1777)
  t.same(permissionWarnings({ cacheDir: dir, entries: paths(files) }), [])
  chmodSync(dir, 0o775)
  t.equal(permissionWarnings({ cacheDir: dir, entries: paths(files) }).length, 1, 'group-writable')
})

t.test('a symbolic link is judged by what it points to; a dangling one is skipped', async t => {
  const { dir } = cache([])
  const target = join(dir, 'target')
  writeFileSync(target, '{}')
  chmodSync(target, 0o644)
  const link = join(dir, 'link.json')
  symlinkSync(target, link)
  const dangling = join(dir, 'dangling.json')
  symlinkSync(join(dir, 'nowhere'), dangling)
  t.equal(permissionWarnings({ cacheDir: dir, entries: paths([link, dangling]) }).length, 1)
  chmodSync(target, 0o600)
  t.same(permissionWarnings({ cacheDir: dir, entries: paths([link, dangling]) }), [])
})

t.test('a mode already known from reading the entry is used, not stat-ed again', async t => {
  const { dir, files } = cache([0o600, 0o600])
  const [first, second] = files as [string, string]
  // what readEntry's lstat saw a moment ago counts; null (a symbolic link) means "stat it"
  const w = permissionWarnings({
    cacheDir: dir,
    entries: [
      { file: first, mode: 0o640 },
      { file: second, mode: null },
    ],
  })
  t.equal(w.length, 1)
  t.match(w[0], /^cache entry 0{40}\.json \(mode 0640\) is/)
  chmodSync(second, 0o604)
  t.match(
    permissionWarnings({
      cacheDir: dir,
      entries: [
        { file: first, mode: 0o600 },
        { file: second, mode: null },
      ],
    })[0],
    /1{40}\.json \(mode 0604\)/,
  )
})

t.test('a path that needs quoting is quoted in the fix', async t => {
  const { dir } = cache([])
  const odd = join(dir, "it's here")
  mkdirSync(odd)
  const file = join(odd, 'x.json')
  writeFileSync(file, '{}')
  chmodSync(file, 0o644)
  const w = permissionWarnings({ cacheDir: odd, entries: paths([file]) })
  t.match(w[0], /chmod go-rwx '.*it'\\''s here'\/\*\.json$/)
})

t.test('Windows: modes mean nothing there', async t => {
  const { dir, files } = cache([0o644], 0o777)
  t.same(permissionWarnings({ cacheDir: dir, entries: paths(files), platform: 'win32' }), [])
})

t.test('with a link named *.json in the folder, the fix names the open entries instead of a glob', async t => {
  const { dir, files } = cache([0o644])
  // a link named like an entry, to a file that is none of awscache's (/dev/null, say)
  const target = join(dir, 'elsewhere')
  writeFileSync(target, '')
  chmodSync(target, 0o666)
  symlinkSync(target, join(dir, 'z.json'))
  const w = permissionWarnings({ cacheDir: dir, entries: paths(files) })
  t.equal(w.length, 1)
  t.match(w[0], /^cache entry 0{40}\.json \(mode 0644\)/)
  t.equal(w[0]?.split('run: ')[1], `chmod go-rwx ${files[0]}`, 'no glob that the link could take elsewhere')
})
