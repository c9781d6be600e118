// The bin (cli/awscache.cts) compiles the bundle with the code cache the build
// made for the command it runs (scripts/code-cache.mjs): V8 takes each one, and
// a cache that was not made from the very bytes of the bundle, or is damaged,
// is never used, so what runs is always the bundle's source.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import t from 'tap'
import { COMMANDS } from '../../cli/command-table.js'
import { writeBenchHome } from '../helpers/bench-home.js'
import { tempFolder } from '../helpers/temp.js'

const ROOT = new URL('../../', import.meta.url).pathname
const DIST = join(ROOT, 'dist/cli')
const FILES = ['awscache.cjs', 'awscache-bundle.cjs', 'awscache-bundle.cjs.cache', 'help.js']

// a process as the bin's own: no NODE_OPTIONS, no options (V8 takes a cache only under the flags it was made with)
const node = (args: string[], cwd = ROOT) =>
  spawnSync(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH, HOME: tempFolder('awscache-code-cache-home-'), LANG: 'C.UTF-8' },
    encoding: 'utf8',
    timeout: 60_000,
  })

type Outcome = Map<string, { given: boolean; taken: boolean }>

// what compileBundle made of the cache of each of `commands`, in a process of its own
const outcomes = (bin: string, commands: string[]): Outcome => {
  const script = `
    const { compileBundle, BUNDLE_FILE } = require(${JSON.stringify(bin)})
    const out = []
    for (const c of ${JSON.stringify(commands)}) {
      const { cacheGiven: given, cacheTaken: taken } = compileBundle(BUNDLE_FILE, c)
      out.push([c, { given, taken }])
    }
    process.stdout.write(JSON.stringify(out))`
  const r = node(['-e', script])
  if (r.status !== 0) throw new Error(r.stderr)
  return new Map(JSON.parse(r.stdout) as [string, { given: boolean; taken: boolean }][])
}

// a copy of the built bin, with node_modules beside it as in an install
const copyOfDist = (): string => {
  const root = tempFolder('awscache-code-cache-')
  const dist = join(root, 'dist/cli')
  mkdirSync(dist, { recursive: true })
  for (const f of FILES) copyFileSync(join(DIST, f), join(dist, f))
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'))
  return dist
}

t.test('every command but console has a code cache, and V8 takes it', async t => {
  const commands = [...Object.keys(COMMANDS), 'list --json']
  const got = outcomes(join(DIST, 'awscache.cjs'), [...commands, 'no-such-command', '__proto__'])
  for (const c of commands) {
    const expected = c === 'console' ? { given: false, taken: false } : { given: true, taken: true }
    t.same(got.get(c), expected, c)
  }
  t.same(got.get('no-such-command'), { given: false, taken: false })
  t.same(got.get('__proto__'), { given: false, taken: false })
})

t.test("list --json has a cache of its own; every other command line its command's", async t => {
  const { codeCacheNameOf } = createRequire(import.meta.url)(join(DIST, 'awscache.cjs')) as {
    codeCacheNameOf(args: string[]): string | undefined
  }
  t.equal(codeCacheNameOf(['list', '--json']), 'list --json')
  t.equal(codeCacheNameOf(['list', '--expired', '--json']), 'list --json')
  t.equal(codeCacheNameOf(['list']), 'list')
  t.equal(codeCacheNameOf(['env', 'p', '--format', 'json']), 'env')
  t.equal(codeCacheNameOf([]), undefined)
  // a cache made for another command line only leaves more to compile: what runs is the same
  const home = tempFolder('awscache-code-cache-other-')
  writeBenchHome(home, { entries: 20, profiles: 20 })
  const script = `
    const { compileBundle, BUNDLE_FILE } = require(${JSON.stringify(join(DIST, 'awscache.cjs'))})
    const compiled = compileBundle(BUNDLE_FILE, 'unset')
    if (!compiled.cacheTaken) throw new Error('the unset cache was not taken')
    compiled.run().main(['list', '--json']).then(code => { process.exitCode = code })`
  const r = spawnSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
    encoding: 'utf8',
  })
  t.equal(r.status, 0, r.stderr)
  const usual = spawnSync(process.execPath, [join(DIST, 'awscache.cjs'), 'list', '--json'], {
    env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
    encoding: 'utf8',
  })
  // all but the seconds left, which may tick between the two runs
  const steady = (stdout: string) =>
    (JSON.parse(stdout) as Record<string, unknown>[]).map(e => ({ ...e, expiresInSeconds: null }))
  t.ok(steady(usual.stdout).length >= 10, 'sessions are listed')
  t.same(steady(r.stdout), steady(usual.stdout), 'list --json compiled with the unset cache prints what the bin prints')
})

t.test('a bundle changed after its cache was made runs as changed, without the cache', async t => {
  const dist = copyOfDist()
  const bundle = join(dist, 'awscache-bundle.cjs')
  const source = readFileSync(bundle, 'utf8')
  // the same length: V8's own check (the length) cannot tell the two apart
  const changed = source.replace('"no AWS variables to unset"', '"NO AWS VARIABLES TO UNSET"')
  t.not(changed, source)
  writeFileSync(bundle, changed)
  t.same(outcomes(join(dist, 'awscache.cjs'), ['unset']).get('unset'), { given: false, taken: false })
  const r = node([join(dist, 'awscache.cjs'), 'unset'])
  t.equal(r.status, 0, r.stderr)
  t.match(r.stderr, /^awscache: NO AWS VARIABLES TO UNSET$/m)
})

t.test('a damaged cache is not used, and the bin runs', async t => {
  const cacheOf = (dist: string) => join(dist, 'awscache-bundle.cjs.cache')
  const built = readFileSync(join(DIST, 'awscache-bundle.cjs.cache'))
  const headerEnd = built.indexOf(10)
  const header = JSON.parse(built.subarray(0, headerEnd).toString()) as {
    source: number
    commands: Record<string, [number, number]>
  }
  const [offset, length] = header.commands.unset as [number, number]
  const dataAt = headerEnd + 1 + header.source + offset
  const withHeader = (h: object) =>
    Buffer.concat([Buffer.from(`${JSON.stringify(h)}\n`), built.subarray(headerEnd + 1)])
  const cases: [string, Buffer, { given: boolean; taken: boolean }][] = [
    ['empty', Buffer.alloc(0), { given: false, taken: false }],
    ['no header line', Buffer.alloc(8192, 'x'), { given: false, taken: false }],
    ['a header that is not JSON', Buffer.concat([Buffer.from('{"source":\n'), built]), { given: false, taken: false }],
    ['cut short in the data', built.subarray(0, dataAt + length - 1), { given: false, taken: false }],
    ['cut short in the source', built.subarray(0, headerEnd + 1000), { given: false, taken: false }],
    [
      'offsets out of range',
      withHeader({ ...header, commands: { unset: [2 ** 40, length] } }),
      { given: false, taken: false },
    ],
    ['a negative length', withHeader({ ...header, commands: { unset: [offset, -1] } }), { given: false, taken: false }],
    ['no commands', withHeader({ source: header.source }), { given: false, taken: false }],
    [
      'data that is not V8s',
      Buffer.concat([built.subarray(0, dataAt), Buffer.alloc(length, 0x5a), built.subarray(dataAt + length)]),
      { given: true, taken: false },
    ],
  ]
  for (const [name, bytes, expected] of cases) {
    const dist = copyOfDist()
    writeFileSync(cacheOf(dist), bytes)
    t.same(outcomes(join(dist, 'awscache.cjs'), ['unset']).get('unset'), expected, name)
    const r = node([join(dist, 'awscache.cjs'), 'unset'])
    t.equal(r.status, 0, `${name}: ${r.stderr}`)
    t.match(r.stderr, /^awscache: no AWS variables to unset$/m, name)
  }
  const dist = copyOfDist()
  const cache = cacheOf(dist)
  spawnSync('rm', [cache])
  mkdirSync(cache)
  t.same(outcomes(join(dist, 'awscache.cjs'), ['unset']).get('unset'), { given: false, taken: false }, 'a folder')
  t.equal(node([join(dist, 'awscache.cjs'), 'unset']).status, 0, 'a folder')
})

t.test('the bundle has no import(): the bin compiles it with no loader for one', async t => {
  t.notMatch(readFileSync(join(DIST, 'awscache-bundle.cjs'), 'utf8'), /\bimport\(/)
})
