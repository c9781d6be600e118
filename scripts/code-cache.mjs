// Writes dist/cli/awscache-bundle.cjs.cache, the code caches the bin compiles
// the bundle with (cli/awscache.cts): for each command, the bytecode V8
// compiled while that command ran once, in a process of its own, against a
// home like the benchmark's. Run by `npm run build`, after the bundle.
//
// V8 takes a cache only in a process started with the same V8 flags, so each
// command runs in a child with no NODE_OPTIONS and no options of its own.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeHome } from '../bench/fixture.mjs'

const BIN = fileURLToPath(new URL('../dist/cli/awscache.cjs', import.meta.url))
const { BUNDLE_FILE, codeCacheFileOf, compileBundle } = createRequire(import.meta.url)(BIN)

// What each command's cache is made from. console is left out: it signs in
// over the network, which takes far longer than compiling.
const TRAINING = {
  list: () => [['list']],
  // the bin's codeCacheNameOf
  'list --json': () => [['list', '--json']],
  env: profile => [['env', profile]],
  sql: profile => [['sql', profile]],
  exec: profile => [['exec', profile, '--', process.execPath, '-e', '0']],
  status: () => [['status']],
  logins: () => [['logins']],
  rm: profile => [['rm', '-n', profile]],
  clear: () => [['clear', '-n']],
  prune: () => [['prune', '-n']],
  unset: () => [['unset']],
  init: () => [['init', 'bash']],
  profiles: () => [['profiles']],
}

// in the child: run the command lines, then write the cache to fd 3 (or what went wrong)
const train = async command => {
  const compiled = compileBundle(BUNDLE_FILE, undefined)
  const { main } = compiled.run()
  for (const args of TRAINING[command](process.env.AWSCACHE_TRAIN_PROFILE)) await main(args)
  process.exitCode = 0
  writeSync(3, compiled.script.createCachedData())
}

if (process.argv[2] === '--train') {
  await train(process.argv[3]).catch(er => {
    writeSync(3, `${er?.stack ?? er}\n`)
    process.exitCode = 1
  })
} else {
  const home = mkdtempSync(join(tmpdir(), 'awscache-code-cache-'))
  try {
    writeCodeCache(home)
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

// every command's cache, made against a benchmark-like home in `home`, in one file
function writeCodeCache(home) {
  const { profile } = writeHome(home, { entries: 20, profiles: 20 })
  const commands = {}
  const blobs = []
  let offset = 0
  for (const command of Object.keys(TRAINING)) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train', command], {
      env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', AWSCACHE_TRAIN_PROFILE: profile },
      cwd: home,
      // the commands' own output goes nowhere
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    })
    const out = r.output?.[3] ?? Buffer.alloc(0)
    if (r.status !== 0 || !out.length) {
      // the bin runs as well without a cache: test/cli/code-cache.ts fails the test run, not an install
      process.stderr.write(`code-cache: ${command} failed (${r.status ?? r.signal}): ${out}\n`)
      process.stderr.write('code-cache: no code cache written: the bin compiles the bundle from its source\n')
      rmSync(codeCacheFileOf(BUNDLE_FILE), { force: true })
      return
    }
    commands[command] = [offset, out.length]
    blobs.push(out)
    offset += out.length
  }
  const source = readFileSync(BUNDLE_FILE)
  const header = Buffer.from(`${JSON.stringify({ source: source.length, commands })}\n`)
  const file = codeCacheFileOf(BUNDLE_FILE)
  const partial = `${file}.${process.pid}`
  writeFileSync(partial, Buffer.concat([header, source, ...blobs]))
  renameSync(partial, file)
}
