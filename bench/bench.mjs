// npm run bench: how long a user waits for awscache, as whole processes,
// against the floor of any Node.js tool (`node -e 0`) and against the AWS
// CLI's own `aws configure export-credentials`, measured in the same run.
//
//   npm run bench                    build, then measure (about a minute)
//   npm run bench -- --runs 40       more runs of each case (the big folders get fewer)
//   npm run bench -- --clean-env     run every process with only PATH, HOME and LANG set
//
// By default each process gets this shell's environment, less its AWS_* and
// AWSCACHE_* variables: variables such as NODE_EXTRA_CA_CERTS or NODE_OPTIONS
// slow every Node.js start, the floor's too, and are shown in the table.
// The AWS CLI measured is $AWSCACHE_BENCH_AWS, else /usr/bin/aws, else `aws` on PATH.
//
// Prints a table and writes bench-results/<time>.json and bench-results/latest.json.
// Not a test: it fails (exit 1) only when a command gives a wrong answer.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, hostname, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeHome } from './fixture.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
// what `npm install -g .` links as the awscache command
const BIN = join(ROOT, pkg.bin.awscache)

const option = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback
}
const RUNS = option('--runs', 20)
const WARMUP = option('--warmup', 3)
const CLEAN = process.argv.includes('--clean-env')

// Nothing of the developer's own AWS set-up leaks in; the rest is the environment a user runs in.
const inherited = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(AWS|AWSCACHE)_/.test(name) && name !== 'NO_COLOR'),
)
const clean = { PATH: process.env.PATH }
const baseEnv = CLEAN ? clean : inherited
// variables that change how fast any Node.js process starts
const nodeVariables = Object.keys(baseEnv)
  .filter(name => /^NODE_|^UV_/.test(name))
  .sort()
const envFor = (home, base = baseEnv) => ({ ...base, HOME: home, LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true' })

const awsCli = () => {
  for (const candidate of [process.env.AWSCACHE_BENCH_AWS, '/usr/bin/aws'].filter(Boolean)) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  const found = spawnSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : undefined
}

const run = (command, args, env) => {
  const start = process.hrtime.bigint()
  const r = spawnSync(command, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error }
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const tmp = mkdtempSync(join(tmpdir(), 'awscache-bench-'))
const sizes = {
  typical: { entries: 20, profiles: 20 },
  k1: { entries: 1_000, profiles: 500 },
  k10: { entries: 10_000, profiles: 5_000 },
}
const homes = {}
for (const [name, size] of Object.entries(sizes)) homes[name] = { ...writeHome(join(tmp, name), size), ...size }

// Each check proves the command did the real work, so a fast wrong answer is never a figure.
const listCheck = home => r => {
  const records = JSON.parse(r.stdout)
  return records.length === home.validEntries
    ? undefined
    : `list --json gave ${records.length} entries, expected ${home.validEntries}`
}
const accessKeyOf = home => {
  const out = run(process.execPath, [BIN, 'env', home.profile, '--format', 'json'], envFor(home.home))
  return JSON.parse(out.stdout).AccessKeyId
}
const envCheck = home => {
  const key = accessKeyOf(home)
  return r => (r.stdout.includes(`AWS_ACCESS_KEY_ID='${key}'`) ? undefined : 'env printed no AWS_ACCESS_KEY_ID')
}

const node = (id, label, args, home, check, runs = RUNS) => ({
  id,
  label,
  command: process.execPath,
  args,
  home,
  check,
  runs,
})
const awscache = (id, label, args, home, check, runs) => node(id, label, [BIN, ...args], home, check, runs)
// the commands that say what they did on stderr: a check of their own, and stderr allowed
const saying = (c, extra) => ({ ...c, allowStderr: true, ...extra })
const t = homes.typical
const includes = (text, what) => r =>
  r.stdout.includes(text) ? undefined : `${what}: no ${JSON.stringify(text)} on stdout`
const stderrIncludes = (text, what) => r =>
  r.stderr.includes(text) ? undefined : `${what}: no ${JSON.stringify(text)} on stderr`
const cases = [
  node('floor', 'node -e 0 (the floor)', ['-e', '0'], t, () => undefined),
  awscache('env', 'awscache env P: 20 entries / 20 profiles', ['env', t.profile], t, envCheck(t)),
  awscache('list', 'awscache list --json: 20 entries / 20 profiles', ['list', '--json'], t, listCheck(t)),
  awscache('table', 'awscache list (the table): 20 entries', ['list'], t, includes(t.profile, 'list')),
  awscache('profiles', 'awscache profiles: 20 profiles', ['profiles'], t, includes(`${t.profile}\n`, 'profiles')),
  awscache('init', 'awscache init bash', ['init', 'bash'], t, includes('awscache-use', 'init bash')),
  {
    ...awscache('status', 'awscache status: 20 entries', ['status'], t, includes(t.profile, 'status')),
    extraEnv: { AWS_ACCESS_KEY_ID: accessKeyOf(t) },
  },
  awscache(
    'exec',
    'awscache exec P -- true (true itself included)',
    ['exec', t.profile, '--', 'true'],
    t,
    () => undefined,
  ),
  // what exec's figure is measured less of: the command it runs, on its own
  {
    id: 'true',
    label: 'true on its own (not a target)',
    command: 'true',
    args: [],
    home: t,
    check: () => undefined,
    runs: RUNS,
  },
  saying(
    awscache('rm', 'awscache rm -n P: 20 entries', ['rm', '-n', t.profile], t, stderrIncludes('would remove', 'rm -n')),
  ),
  saying(
    awscache('prune', 'awscache prune -n: 20 entries', ['prune', '-n'], t, stderrIncludes('would remove', 'prune -n')),
  ),
  saying({
    ...awscache('unset', 'awscache unset (3 variables set)', ['unset'], t, includes('AWS_SESSION_TOKEN', 'unset')),
    extraEnv: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 'y' },
  }),
  awscache(
    'list1k',
    'awscache list --json: 1,000 entries / 500 profiles',
    ['list', '--json'],
    homes.k1,
    listCheck(homes.k1),
    Math.max(5, Math.ceil(RUNS * 0.75)),
  ),
  awscache(
    'list10k',
    'awscache list --json: 10,000 entries / 5,000 profiles',
    ['list', '--json'],
    homes.k10,
    listCheck(homes.k10),
    Math.max(5, Math.ceil(RUNS / 3)),
  ),
]
if (nodeVariables.length) {
  // for comparison only: what the same machine does for a user without them
  cases.push({
    ...node(
      'floorClean',
      `node -e 0 without ${nodeVariables.join(', ')} (not a target)`,
      ['-e', '0'],
      t,
      () => undefined,
    ),
    base: clean,
  })
}
const aws = awsCli()
let awsSkipped
if (aws) {
  const key = accessKeyOf(t)
  const awsCase = {
    id: 'aws',
    label: 'aws configure export-credentials --profile P --format env: 20 entries',
    command: aws,
    args: ['configure', 'export-credentials', '--profile', t.profile, '--format', 'env'],
    home: t,
    // the AWS CLI found the very session awscache exports: it read its cache and called nothing
    check: r =>
      r.stdout.includes(`AWS_ACCESS_KEY_ID=${key}`) ? undefined : `${aws} did not export the cached session`,
    runs: Math.max(5, Math.ceil(RUNS / 2)),
  }
  const probe = run(awsCase.command, awsCase.args, envFor(t.home))
  if (probe.status === 0 && !awsCase.check(probe)) cases.push(awsCase)
  else
    awsSkipped = `${aws} configure export-credentials failed: ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`
} else {
  awsSkipped = 'the AWS CLI is not installed'
}

const measure = (c, times) => {
  const r = run(c.command, c.args, { ...envFor(c.home.home, c.base), ...c.extraEnv })
  const problem =
    r.status !== 0
      ? `exit ${r.status}: ${r.stderr.trim()}`
      : r.stderr !== '' && !c.allowStderr
        ? `stderr: ${r.stderr.trim()}`
        : c.check(r)
  if (problem) {
    console.error(`bench: wrong answer from ${c.label}: ${problem}`)
    process.exit(1)
  }
  times?.push(r.ms)
}

// Warm-up, then rounds that take every case in turn, so that a slow moment of
// the machine falls on all of them alike.
process.stderr.write(`bench: ${BIN}, ${cases.length} cases, ${RUNS} runs after ${WARMUP} warm-up runs\n`)
for (const c of cases) for (let i = 0; i < WARMUP; i++) measure(c)
const samples = cases.map(() => [])
const rounds = Math.max(...cases.map(c => c.runs))
for (let round = 0; round < rounds; round++) {
  cases.forEach((c, i) => round < c.runs && measure(c, samples[i]))
  if (process.stderr.isTTY) process.stderr.write(`\rbench: round ${round + 1}/${rounds}`)
}
if (process.stderr.isTTY) process.stderr.write('\n')
rmSync(tmp, { recursive: true, force: true })

const results = cases.map((c, i) => ({
  id: c.id,
  label: c.label,
  command: [
    c.command === process.execPath ? 'node' : c.command,
    ...c.args.map(a => (a === BIN ? pkg.bin.awscache : a)),
  ].join(' '),
  entries: c.command !== process.execPath || c.args[0] === '-e' ? null : c.home.entries,
  profiles: c.command !== process.execPath || c.args[0] === '-e' ? null : c.home.profiles,
  runs: samples[i].length,
  medianMs: median(samples[i]),
  minMs: Math.min(...samples[i]),
  maxMs: Math.max(...samples[i]),
  samplesMs: samples[i].map(ms => Math.round(ms * 100) / 100),
}))
const by = Object.fromEntries(results.map(r => [r.id, r]))
const floorMs = by.floor.medianMs
for (const r of results) r.ratio = r.medianMs / floorMs

const target = (name, value, limit, unit, pass) => ({ target: name, value, limit, unit, pass })
const growth = (by.list10k.medianMs - floorMs) / (by.list1k.medianMs - floorMs)
const execLessCommand = (by.exec.medianMs - by.true.medianMs) / floorMs
const atMost = (id, what, limit) =>
  target(`${what}: at most ${limit}x the floor`, by[id].ratio, limit, 'x', by[id].ratio <= limit)
const targets = [
  atMost('env', 'env P, 20 entries', 1.2),
  atMost('list', 'list --json, 20 entries', 1.2),
  atMost('list1k', 'list --json, 1,000 entries', 1.8),
  atMost('table', 'the list table, 20 entries', 1.5),
  ...['profiles', 'init', 'status', 'rm', 'prune', 'unset'].map(id =>
    atMost(id, by[id].command.replace(/^node \S+ /, 'awscache '), 1.3),
  ),
  target(
    'awscache exec P -- true, less true on its own: at most 1.3x the floor',
    execLessCommand,
    1.3,
    'x',
    execLessCommand <= 1.3,
  ),
  target('10,000 entries: time above the floor at most 12x the 1,000-entry one', growth, 12, 'x', growth <= 12),
  by.aws
    ? target(
        'env P at least 4x faster than aws configure export-credentials',
        by.aws.medianMs / by.env.medianMs,
        4,
        'x faster',
        by.aws.medianMs / by.env.medianMs >= 4,
      )
    : {
        ...target('env P at least 4x faster than aws configure export-credentials', null, 4, 'x faster', null),
        skipped: awsSkipped,
      },
]

const git = args => {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return null
  }
}
const awsVersion = aws ? (spawnSync(aws, ['--version'], { encoding: 'utf8' }).stdout ?? '').trim().split(' ')[0] : null
const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: (() => {
    try {
      return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? process.platform
    } catch {
      return process.platform
    }
  })(),
  kernel: release(),
  host: hostname(),
  node: process.version,
  awsCli: awsVersion,
}
const report = {
  date: new Date().toISOString(),
  commit: git(['rev-parse', '--short', 'HEAD']),
  dirty: (status => (status === null ? null : status !== ''))(git(['status', '--porcelain'])),
  bin: pkg.bin.awscache,
  environment: CLEAN ? 'clean: PATH, HOME, LANG' : 'inherited, less AWS_* and AWSCACHE_*',
  nodeVariables,
  warmup: WARMUP,
  machine,
  results,
  targets,
}

const ms = x => `${x.toFixed(1)} ms`
const rows = [
  ['case', 'median', 'min', 'runs', 'x floor'],
  ...results.map(r => [r.label, ms(r.medianMs), ms(r.minMs), String(r.runs), `${r.ratio.toFixed(2)}x`]),
]
const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)))
console.log(
  `\n${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node.js ${machine.node}${awsVersion ? `, ${awsVersion}` : ''}`,
)
console.log(`environment: ${report.environment}${nodeVariables.length ? `; set: ${nodeVariables.join(', ')}` : ''}\n`)
for (const row of rows)
  console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
if (awsSkipped) console.log(`(aws configure export-credentials not measured: ${awsSkipped})`)
console.log('\nTargets (medians, as ratios in this run):')
for (const g of targets) {
  const verdict = g.pass === null ? 'skip' : g.pass ? 'ok  ' : 'MISS'
  console.log(`  ${verdict}  ${g.target}: ${g.value === null ? g.skipped : `${g.value.toFixed(2)}${g.unit}`}`)
}

const dir = join(ROOT, 'bench-results')
mkdirSync(dir, { recursive: true })
const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n')
console.log(`\nwrote ${file.slice(ROOT.length)}`)
