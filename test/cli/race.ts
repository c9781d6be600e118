// Races with the real AWS CLI. Two writers run `aws sts get-caller-identity`
// in a loop for a profile each, through the loopback STS stand-in: the
// stand-in hands out 800-second sessions, which the CLI treats as stale (it
// renews 15 minutes before expiry), so every run of `aws` writes its entry
// again. Before each run the writer makes the entry look expired, so that
// `prune` wants it just as the CLI replaces it. Meanwhile `list --json`,
// `env P` and `prune` run in loops (in this process: one at a time, so that
// they leave the CLI a core), until each writer has written its entry
// WRITES times: a count, not a time, so that a slow machine races as much.
//
// Nothing may crash or print a trace. A torn read (the CLI v2 in Debian
// truncates and rewrites an entry in place, botocore's JSONFileCache) may make
// a run report the entry unreadable: list skips it with a warning, env exits
// 1; once the writers stop, everything reads cleanly. prune may remove an
// entry only while it is the expired one: a session the CLI wrote must still
// be there when its writer looks. (One window remains that no reader can
// close: the CLI opens the old file, prune renames it aside and unlinks it,
// then the CLI writes into the unlinked file. It is microseconds wide; this
// test would catch it as a lost session.)
//
// Needs /usr/bin/aws (v2) and openssl; without them it is skipped, loudly.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import tap, { type Test } from 'tap'
import { runChild, type ChildResult } from '../helpers/child.js'
import { BIN } from '../helpers/home.js'
import { runInProcess } from '../helpers/in-process.js'
import { startStsStandin, type IssuedSession, type StsStandin } from '../helpers/sts-standin.js'
import { AWS, missingTools, shout, standinEnv } from '../helpers/real-aws.js'
import { tempFolder } from '../helpers/temp.js'

const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin'
// each writer's runs of the CLI; AWSCACHE_RACE_MS keeps them going for at least that long (a longer soak)
const WRITES = 3
const RACE_MS = Number(process.env.AWSCACHE_RACE_MS ?? 0)
const TIMEOUT_MS = 60_000
// over the CLI's 10-minute mandatory refresh, under its 15-minute cache window
const SESSION_SECONDS = 800
const REGION = 'us-east-1'
const HOSTS = ['sts.amazonaws.com', `sts.${REGION}.amazonaws.com`]

const WRITERS = [
  { profile: 'race-a', role: 'race-role-a' },
  { profile: 'race-b', role: 'race-role-b' },
] as const
type Profile = (typeof WRITERS)[number]['profile']

const configText =
  WRITERS.map(
    w => `[profile ${w.profile}]
role_arn = arn:aws:iam::123456789012:role/${w.role}
source_profile = base
role_session_name = ${w.profile}
region = ${REGION}
`,
  ).join('\n') +
  `
[profile base]
region = ${REGION}
`

const setUp = (): { home: string; cacheDir: string } => {
  const home = tempFolder('awscache-race-')
  mkdirSync(join(home, '.aws', 'cli', 'cache'), { recursive: true, mode: 0o700 })
  writeFileSync(join(home, '.aws', 'config'), configText)
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[base]\naws_access_key_id = AKIAEXAMPLEBASE00000\naws_secret_access_key = base-secret-not-real\n',
    { mode: 0o600 },
  )
  return { home, cacheDir: join(home, '.aws', 'cli', 'cache') }
}

interface Entry {
  Credentials?: { AccessKeyId?: string; Expiration?: string }
}

/** The entry's access key, or why there is none. Read the way a tool would, without awscache. */
const accessKeyIn = (file: string): string => {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as Entry).Credentials?.AccessKeyId ?? '<no key>'
  } catch (er) {
    return (er as NodeJS.ErrnoException).code === 'ENOENT' ? '<gone>' : '<unreadable>'
  }
}

// Rewrites the entry as expired an hour ago, atomically (rename), so that
// the bait itself is never torn: only the CLI's own writes are.
const expire = (file: string): void => {
  let entry: Entry
  try {
    entry = JSON.parse(readFileSync(file, 'utf8')) as Entry
  } catch {
    return
  }
  if (!entry.Credentials) return
  entry.Credentials.Expiration = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, '+00:00')
  writeFileSync(`${file}.bait`, JSON.stringify(entry), { mode: 0o600 })
  renameSync(`${file}.bait`, file)
}

interface Observed {
  what: string
  r: ChildResult
}

const TRACE = /^\s+at |\b[A-Za-z]*Error:|internal error|ERR_[A-Z_]/m

const main = async (t: Test): Promise<void> => {
  const { home, cacheDir } = setUp()
  const standin: StsStandin = await startStsStandin({ hosts: HOSTS, sessionSeconds: SESSION_SECONDS })
  t.teardown(async () => {
    await standin.stop()
    rmSync(home, { recursive: true, force: true })
  })
  const awsEnv = standinEnv(home, standin)
  const env = { PATH: SYSTEM_PATH, HOME: home, LANG: 'C.UTF-8', NO_COLOR: '1' }
  // awscache's runs read and remove files as the bin does: in this process, where nothing differs
  const awscacheHere = async (args: string[]): Promise<ChildResult> => {
    const r = await runInProcess(args, { env })
    return { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false }
  }
  const aws = (profile: string): Promise<ChildResult> =>
    runChild(AWS, ['--profile', profile, 'sts', 'get-caller-identity'], { env: awsEnv, timeoutMs: TIMEOUT_MS })
  const lastIssued = (role: string): IssuedSession | undefined =>
    standin.issued.filter(s => s.arn.includes(`:assumed-role/${role}/`)).at(-1)

  // one entry per profile to begin with, and where each is
  const files = new Map<Profile, string>()
  for (const w of WRITERS) {
    const before = new Set(readdirSync(cacheDir))
    const r = await aws(w.profile)
    if (r.code !== 0) {
      t.fail(`aws --profile ${w.profile} failed before the race: ${r.stderr.trim()}`)
      return
    }
    const created = readdirSync(cacheDir).filter(n => !before.has(n))
    t.equal(created.length, 1, `the CLI wrote one entry for ${w.profile}`)
    files.set(w.profile, join(cacheDir, created[0] as string))
  }

  const started = Date.now()
  const deadline = started + RACE_MS
  const observed: Observed[] = []
  const lost: string[] = []
  const writerErrors: string[] = []
  let writes = 0

  // The tightest race: the entry turns expired the moment STS answers the
  // CLI, a few milliseconds before the CLI writes the new session over it.
  // (The stand-in records each request just before it replies: its array's
  // push is the hook.)
  const baitAtAnswer = new Set<string>()
  const record = standin.requests.push.bind(standin.requests)
  standin.requests.push = (...items) => {
    for (const req of items) {
      const w = WRITERS.find(w => req.action === 'AssumeRole' && req.params.RoleArn?.endsWith(`:role/${w.role}`))
      if (w && baitAtAnswer.has(w.profile)) expire(files.get(w.profile) as string)
    }
    return record(...items)
  }

  const writer = async (w: (typeof WRITERS)[number]): Promise<void> => {
    const file = files.get(w.profile) as string
    for (let i = 0; i < WRITES || Date.now() < deadline; i++) {
      // every other run, the entry is expired from before the CLI starts: prune has time to take it
      if (i % 2) baitAtAnswer.add(w.profile)
      else {
        baitAtAnswer.delete(w.profile)
        expire(file)
      }
      const r = await aws(w.profile)
      if (r.code !== 0) writerErrors.push(`aws --profile ${w.profile}: ${r.stderr.trim().split('\n').at(-1)}`)
      const issued = lastIssued(w.role)
      writes++
      // let the readers and prune see the fresh entry, then check that it is still there
      await sleep(200)
      const now = accessKeyIn(file)
      if (issued && now !== issued.accessKeyId)
        lost.push(`${w.profile}: the CLI wrote ${issued.accessKeyId}, the file now holds ${now}`)
    }
  }

  let racing = true
  const loop = async (what: string, args: () => string[]): Promise<void> => {
    while (racing) {
      const a = args()
      observed.push({ what: `${what} (${a.join(' ')})`, r: await awscacheHere(a) })
      // a pace, not a wait: the stand-in and the CLI get the event loop and a core between runs
      await sleep(20)
    }
  }
  let turn = 0
  await Promise.all([
    Promise.all(WRITERS.map(writer)).finally(() => (racing = false)),
    loop('list', () => ['list', '--json']),
    loop('env', () => ['env', (WRITERS[turn++ % WRITERS.length] as (typeof WRITERS)[number]).profile]),
    // two prune loops: more chances to meet the CLI mid-write
    loop('prune', () => ['prune']),
    loop('prune', () => ['prune']),
  ])

  t.comment(`${writes} writes by the real CLI, ${observed.length} awscache runs in ${(Date.now() - started) / 1000}s`)
  t.same(writerErrors, [], 'the AWS CLI itself ran without error')
  t.same(lost, [], "no fresh entry was removed or replaced behind the CLI's back")

  await t.test('every run during the race ended cleanly, with a documented outcome', async t => {
    const counts: Record<string, number> = {}
    const count = (k: string): void => void (counts[k] = (counts[k] ?? 0) + 1)
    for (const { what, r } of observed) {
      t.notOk(r.timedOut, `${what}: ended by itself`)
      t.notMatch(r.stderr, TRACE, `${what}: no trace`)
      const lines = r.stderr.split('\n').filter(Boolean)
      if (what.startsWith('list')) {
        t.equal(r.code, 0, `${what}: exit 0`)
        t.ok(Array.isArray(JSON.parse(r.stdout)), `${what}: a JSON array`)
        // a torn entry is skipped with one warning, nothing else is said
        t.same(
          lines.filter(l => !/^awscache: warning: skipped \S+\.json: /.test(l)),
          [],
          `${what}: only torn-entry warnings`,
        )
        count(lines.length ? 'list: skipped a torn entry' : 'list: clean')
      } else if (what.startsWith('env')) {
        // 0 done; 1 torn; 3 pruned before the CLI rewrote it; 4 the bait, expired
        t.ok([0, 1, 3, 4].includes(r.code ?? -1), `${what}: exit ${r.code} is 0, 1, 3 or 4`)
        // the four session variables and the profile's region, then the profile variables and markers unset
        if (r.code === 0) {
          // issue 15: and the account (the profile's role_arn names it)
          t.match(
            r.stdout,
            /^(export AWS_[A-Z_]+='[^']*'\n){4}export AWS_ACCOUNT_ID='\d{12}'\n(export AWS_(DEFAULT_)?REGION='[^']*'\n){2}unset AWS_PROFILE AWS_DEFAULT_PROFILE AWSCACHE_PROFILE AWSCACHE_EXPIRES\n$/,
            `${what}: the four variables`,
          )
        } else t.equal(r.stdout, '', `${what}: nothing to eval when it fails`)
        if (r.code === 1)
          t.match(r.stderr, /^awscache: cached session \S+ cannot be read: /, `${what}: exit 1 only for a torn read`)
        count(`env: exit ${r.code}`)
      } else {
        t.equal(r.code, 0, `${what}: exit 0`)
        const unexpected = lines.filter(
          l =>
            !/^awscache: (removed|already gone|left alone, replaced by a newer session since it was read:|nothing to prune)/.test(
              l,
            ),
        )
        t.same(unexpected, [], `${what}: only removal reports`)
        for (const l of lines) count(`prune: ${l.replace(/^awscache: /, '').replace(/ race-.*$/, '')}`)
      }
    }
    t.comment(
      Object.entries(counts)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    )
  })

  await t.test('the env outputs held real sessions, never a mix of two', async t => {
    for (const { what, r } of observed) {
      if (!what.startsWith('env') || r.code !== 0) continue
      const value = (name: string): string | undefined =>
        new RegExp(`^export ${name}='([^']*)'$`, 'm').exec(r.stdout)?.[1]
      const session = standin.issued.find(s => s.accessKeyId === value('AWS_ACCESS_KEY_ID'))
      t.ok(session, `${what}: an access key the stand-in issued`)
      t.equal(value('AWS_SECRET_ACCESS_KEY'), session?.secretAccessKey, `${what}: its own secret key`)
      t.equal(value('AWS_SESSION_TOKEN'), session?.sessionToken, `${what}: its own token`)
    }
  })

  await t.test('after the race: each profile has its last session, readable, nothing left behind', async t => {
    const list = await awscacheHere(['list', '--json'])
    t.same([list.code, list.stderr], [0, ''], 'list --json: exit 0, no warning')
    const records = JSON.parse(list.stdout) as { profiles: string[]; accessKeyId: string; error: string | null }[]
    for (const w of WRITERS) {
      const issued = lastIssued(w.role)
      const record = records.find(r => r.profiles.includes(w.profile))
      t.match(record, { accessKeyId: issued?.accessKeyId, error: null }, `${w.profile}: the last session the CLI wrote`)
      const e = await awscacheHere(['env', w.profile])
      t.equal(e.code, 0, `env ${w.profile}: exit 0`)
      t.match(e.stdout, `export AWS_SESSION_TOKEN='${issued?.sessionToken ?? '?'}'`, `env ${w.profile}: its token`)
    }
    // prune's rename-aside files, the bait's temporary files: none may remain
    t.same(
      readdirSync(cacheDir).filter(n => !/^[0-9a-f]{40}\.json$/.test(n)),
      [],
      'only entries in the cache folder',
    )
  })
}

const missing = missingTools()
if (!existsSync(BIN)) {
  tap.fail(`${BIN} is missing: run npm run build first (npm test does)`)
} else if (missing.length) {
  shout(['SKIPPED: the race test against the real AWS CLI did NOT run:', ...missing])
  tap.plan(0, `race test not run: ${missing.join('; ')}`)
} else {
  tap.setTimeout(RACE_MS + 180_000)
  await tap.test('the real AWS CLI rewriting entries while list, env and prune run', main)
}
