// Entries set aside by prune (renamed `.<id>.json.awscache-<pid>.removing`)
// never stay hidden: a signal waits for the removal under way, and prune and
// clear mend what a killed process left. AWSCACHE_AUTO_PRUNE=1 failures are
// warnings, never the command's exit code.
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { BIN, cacheDirOf, cleanEnv, fixtureHome, setExpiration } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { writeManyEntries } from '../helpers/corpus.js'

const SSO = '3bb1ad0606315a2d0327168fa7674d716cba411a'
const READONLY = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'

/** The pid of a process that has ended. */
const deadPid = (): number => {
  const r = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' })
  return Number(r.stdout.trim())
}

t.test('prune and clear put back or remove what an interrupted awscache left aside', async t => {
  for (const command of [['prune'], ['clear'], ['prune', '--dry-run']]) {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    const dead = deadPid()
    // 1. the only copy of a session, its entry gone: put back
    const lone = join(cache, `.${SSO}.json.awscache-${dead}.removing`)
    const content = readFileSync(join(cache, `${SSO}.json`), 'utf8')
    execFileSync('mv', [join(cache, `${SSO}.json`), lone])
    // 2. a stale copy while a newer entry is in place: removed
    const stale = join(cache, `.${READONLY}.json.awscache-${dead}.removing`)
    copyFileSync(join(cache, `${READONLY}.json`), stale)
    // 3. left alone: a living process's (tap's, which runs this test: awscache runs in this process), and
    // names that are not exactly awscache's
    const living = join(cache, `.${READONLY}.json.awscache-${process.ppid}.removing`)
    const others = [
      `.${READONLY}.json.awscache-${dead}.removing.bak`,
      `${READONLY}.json.awscache-${dead}.removing`,
      `.x.awscache-${dead}.removing`,
    ]
    for (const f of [living, ...others.map(n => join(cache, n))]) writeFileSync(f, 'kept')

    const r = await awscacheInProcess(home, command)
    t.equal(r.status, 0, `${command.join(' ')}: ${r.stderr}`)
    const left = readdirSync(cache).sort()
    t.ok(left.includes(`.${READONLY}.json.awscache-${process.ppid}.removing`), "a living process's is left alone")
    for (const n of others) t.ok(left.includes(n), `${n} is left alone`)
    if (command.includes('--dry-run')) {
      t.match(r.stderr, new RegExp(`would put back .*${SSO}\\.json`))
      t.ok(existsSync(lone) && existsSync(stale), 'a dry run changes nothing')
      continue
    }
    t.notOk(existsSync(lone) || existsSync(stale), `${command[0]}: the leftovers are gone`)
    t.match(r.stderr, new RegExp(`put back .*${SSO}\\.json \\(set aside by awscache process ${dead}, which is gone\\)`))
    if (command[0] === 'prune')
      t.equal(readFileSync(join(cache, `${SSO}.json`), 'utf8'), content, 'prune: the session is back')
    else t.notOk(existsSync(join(cache, `${SSO}.json`)), 'clear: back, then removed with the others')
  }
})

// The window between the rename and the unlink is short: this guards the
// rule (the deterministic test above fails on the old code, this one rarely).
t.test('a signal during prune leaves no entry aside', async t => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const) {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    writeManyEntries(cache, 2000)
    for (const f of readdirSync(cache)) setExpiration(join(cache, f), Date.now() - 60_000)
    const total = readdirSync(cache).length
    // without tap's loader, which catches signals of its own; env(1) execs node: the pid is node's
    const child = spawn('/usr/bin/env', ['-u', 'NODE_OPTIONS', process.execPath, BIN, 'prune'], {
      env: cleanEnv(home),
      stdio: 'ignore',
    })
    let running = true
    const ended = new Promise<NodeJS.Signals | null>(resolve =>
      child.on('exit', (_, s) => ((running = false), resolve(s))),
    )
    // once removals are under way
    for (let i = 0; i < 5000 && running && readdirSync(cache).length >= total; i++) await sleep(2)
    if (running) {
      child.kill(signal)
      t.equal(await ended, signal, `prune ends of ${signal}, as it would have`)
    } else t.comment('prune ended before the signal could be sent')
    t.same(
      readdirSync(cache).filter(n => n.endsWith('.removing')),
      [],
      `${signal}: nothing left aside`,
    )
  }
})

// root may write anywhere: the command is run as "nobody" to meet a real permission error
const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []

t.test(
  'AWSCACHE_AUTO_PRUNE=1: an entry that cannot be removed is a warning; the command decides the exit code',
  async t => {
    const home = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(home)
    setExpiration(join(cache, `${SSO}.json`), Date.now() - 60_000)
    if (asUser.length) execFileSync('chown', ['-R', '65534:65534', home])
    chmodSync(cache, 0o555)
    t.teardown(() => chmodSync(cache, 0o755))
    for (const args of [['env', 'readonly'], ['list', '--json'], ['profiles']]) {
      const r = spawnSync('env', ['-u', 'NODE_OPTIONS', ...asUser, process.execPath, BIN, ...args], {
        env: cleanEnv(home, { AWSCACHE_AUTO_PRUNE: '1' }),
        encoding: 'utf8',
        timeout: 30_000,
      })
      t.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`)
      t.not(r.stdout, '')
      t.match(r.stderr, /cannot remove sso-dev .*permission denied/)
      t.match(r.stderr, /warning: AWSCACHE_AUTO_PRUNE: not every expired entry could be removed/)
    }
    t.ok(existsSync(join(cache, `${SSO}.json`)))
  },
)
