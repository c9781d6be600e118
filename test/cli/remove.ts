import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import t from 'tap'
import { awscache, BIN, cacheDirOf, cleanEnv, fixtureHome, setExpiration } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'

const MFA = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
const READONLY = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'
const SSO = '3bb1ad0606315a2d0327168fa7674d716cba411a'

const entries = (home: string) => readdirSync(cacheDirOf(home)).sort()

t.test('rm: one profile, by name; the rest stay', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['rm', 'readonly'])
  t.same([r.status, r.stdout], [0, ''])
  t.equal(r.stderr, `awscache: removed readonly (${READONLY})\n`)
  t.same(entries(home), [`${SSO}.json`, `${MFA}.json`])
})

t.test('rm: several names, ids and prefixes; unmatched ones make exit 3, the others still go', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const r = await awscacheInProcess(home, ['rm', 'sso-dev', 'nope', MFA.slice(0, 7), '--json'])
  t.equal(r.status, 3)
  t.match(r.stderr, /no profile or cache entry named "nope"/)
  t.match(r.stderr, new RegExp(`removed sso-dev \\(${SSO}\\)`))
  t.match(r.stderr, new RegExp(`removed some-role-requiring-mfa \\(${MFA}\\)`))
  const removed = JSON.parse(r.stdout) as { id: string; profiles: string[] }[]
  t.same(removed.map(x => x.id).sort(), [SSO, MFA].sort())
  t.same(entries(home), [`${READONLY}.json`])
  // a profile whose session is not cached
  const again = await awscacheInProcess(home, ['rm', 'sso-dev'])
  t.same([again.status, again.stdout], [3, ''])
  t.match(again.stderr, /no cached session for profile "sso-dev"/)
})

t.test('rm: a name can never reach another path', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  mkdirSync(join(home, '.ssh'))
  writeFileSync(join(home, '.ssh', 'id_rsa'), 'KEY')
  writeFileSync(join(home, '.aws', 'cli', 'outside.json'), '{}')
  for (const name of [
    '../../.ssh/id_rsa',
    join(home, '.ssh', 'id_rsa'),
    '../outside',
    '../outside.json',
    '..',
    '.',
    '*',
    `${MFA}/../${READONLY}`,
  ]) {
    const r = await awscacheInProcess(home, ['rm', name])
    t.same([r.status, r.stdout], [3, ''], name)
  }
  t.equal(readFileSync(join(home, '.ssh', 'id_rsa'), 'utf8'), 'KEY')
  t.ok(existsSync(join(home, '.aws', 'cli', 'outside.json')))
  t.equal(entries(home).length, 3)
})

t.test('--dry-run removes nothing, for each command', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(home), `${READONLY}.json`), Date.now() - 1000)
  const before = entries(home)
  for (const args of [['rm', 'readonly', 'sso-dev'], ['clear'], ['prune', '--unreadable', '--within', '2h']]) {
    const r = await awscacheInProcess(home, [...args, '--dry-run', '--json'])
    t.equal(r.status, 0, args.join(' '))
    t.match(r.stderr, /would remove/)
    t.ok((JSON.parse(r.stdout) as unknown[]).length > 0)
    t.same(entries(home), before, `${args.join(' ')} --dry-run removed nothing`)
  }
  // AWSCACHE_AUTO_PRUNE=1 does not prune before a command that removes entries itself
  const autoClear = await awscacheInProcess(home, ['clear', '--dry-run'], { AWSCACHE_AUTO_PRUNE: '1' })
  t.equal(autoClear.stderr.match(/would remove readonly /g)?.length, 1, 'clear -n names the expired entry once')
  const autoRm = await awscacheInProcess(home, ['rm', 'readonly', '--dry-run'], { AWSCACHE_AUTO_PRUNE: '1' })
  t.equal(autoRm.status, 0, 'rm finds the expired entry it was asked for')
  t.equal(autoRm.stderr.match(/would remove readonly /g)?.length, 1, 'rm -n names it once')
  t.same(entries(home), before, 'AWSCACHE_AUTO_PRUNE=1 with --dry-run removed nothing')
})

t.test('clear: every entry, and nothing else', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  const outside = join(home, 'precious.txt')
  writeFileSync(outside, 'keep')
  symlinkSync(outside, join(cache, 'link.json'))
  writeFileSync(join(cache, 'partial.json.tmp'), '{')
  writeFileSync(join(cache, 'other-tool.txt'), 'x')
  mkdirSync(join(cache, 'sub.json'))
  writeFileSync(join(cache, 'sub.json', 'inner.json'), '{}')
  const r = await awscacheInProcess(home, ['clear', '--json'])
  t.equal(r.status, 0)
  t.equal((JSON.parse(r.stdout) as unknown[]).length, 4)
  t.match(r.stderr, /removed - \(link\)/)
  t.match(r.stderr, /left 3 other items in .* alone/)
  t.same(entries(home), ['other-tool.txt', 'partial.json.tmp', 'sub.json'])
  t.ok(existsSync(join(cache, 'sub.json', 'inner.json')))
  t.equal(readFileSync(outside, 'utf8'), 'keep')
  const empty = await awscacheInProcess(home, ['clear'])
  t.equal(empty.status, 0)
  t.match(empty.stderr, /no cached sessions to remove/)
})

t.test('prune: expired only; --unreadable; --within', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  setExpiration(join(cache, `${READONLY}.json`), Date.now() - 1000)
  setExpiration(join(cache, `${SSO}.json`), Date.now() + 10 * 60_000)
  writeFileSync(join(cache, 'broken.json'), '{"Credentials":')
  const first = await awscacheInProcess(home, ['prune', '--json'])
  t.equal(first.status, 0)
  t.same(
    (JSON.parse(first.stdout) as { id: string }[]).map(x => x.id),
    [READONLY],
  )
  t.match(first.stderr, new RegExp(`removed readonly \\(${READONLY}\\)`))
  t.same(entries(home), [`${SSO}.json`, 'broken.json', `${MFA}.json`])

  const unreadable = await awscacheInProcess(home, ['prune', '--unreadable'])
  t.equal(unreadable.status, 0)
  t.same(entries(home), [`${SSO}.json`, `${MFA}.json`])

  const within = await awscacheInProcess(home, ['prune', '--within', '15m'])
  t.equal(within.status, 0)
  t.same(entries(home), [`${MFA}.json`])

  const nothing = await awscacheInProcess(home, ['prune'])
  t.same([nothing.status, nothing.stderr], [0, 'awscache: nothing to prune\n'])
  const bad = await awscacheInProcess(home, ['prune', '--within', 'soon'])
  t.same([bad.status, bad.stdout], [2, ''])
  t.match(bad.stderr, /--within "soon" is not a duration/)
})

t.test('list --prune and AWSCACHE_AUTO_PRUNE=1 prune first', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(home), `${READONLY}.json`), Date.now() - 1000)
  const listed = await awscacheInProcess(home, ['list', '--prune', '--all', '--json'])
  t.equal(listed.status, 0)
  t.match(listed.stderr, /removed readonly/)
  t.same((JSON.parse(listed.stdout) as { id: string }[]).map(x => x.id).sort(), [SSO, MFA].sort())

  setExpiration(join(cacheDirOf(home), `${SSO}.json`), Date.now() - 1000)
  const auto = await awscacheInProcess(home, ['env', 'some-role-requiring-mfa'], { AWSCACHE_AUTO_PRUNE: '1' })
  t.equal(auto.status, 0)
  t.match(auto.stdout, /^export AWS_ACCESS_KEY_ID=/)
  t.match(auto.stderr, /removed sso-dev/)
  t.same(entries(home), [`${MFA}.json`])
})

// root may write anywhere: the removal is run as "nobody" to meet a real permission error
const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []

t.test('a read-only cache folder: each failure reported, exit 1, nothing lost', async t => {
  const home = fixtureHome('aws-cli-v2-home')
  const cache = cacheDirOf(home)
  if (asUser.length) execFileSync('chown', ['-R', '65534:65534', home])
  chmodSync(cache, 0o555)
  for (const args of [['clear'], ['rm', 'readonly'], ['prune', '--within', '2h']]) {
    // tap passes its own loader to every node it can see start; as nobody it could not write its records
    const cmd = 'env'
    const argv = ['-u', 'NODE_OPTIONS', ...asUser, process.execPath, BIN, ...args]
    const r = spawnSync(cmd, argv, { env: cleanEnv(home), encoding: 'utf8', timeout: 30_000 })
    t.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`)
    t.equal(r.stdout, '')
    t.match(r.stderr, /cannot remove .*: permission denied/)
  }
  chmodSync(cache, 0o755)
  t.equal(entries(home).length, 3)
})
