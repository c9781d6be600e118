// npm run bench: how long a user waits for awscache, as whole processes,
// against the floor of any Node.js tool (`node -e 0`) and against the AWS
// CLI's own `aws configure export-credentials`, measured in the same run.
//
//   npm run bench                 build, then measure (about a minute)
//   npm run bench -- --runs 40    more runs of each case (the big folders get fewer)
//
// Prints a table and writes bench-results/<time>.json and bench-results/latest.json.
// Not a test: it fails (exit 1) only when a command gives a wrong answer.
import { execFileSync, spawnSync } from 'node:child_process'
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, hostname, release, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { writeHome } from './fixture.mjs'

const ROOT = new URL('..', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
// what `npm install -g .` links as the awscache command
const BIN = join(ROOT, pkg.bin.awscache)

const option = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback
}
const RUNS = option('--runs', 20)
const WARMUP = option('--warmup', 3)

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

// A clean environment: nothing of the developer's own AWS set-up leaks in.
const envFor = home => ({ PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true' })

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
  return records.length === home.validEntries ? undefined : `list --json gave ${records.length} entries, expected ${home.validEntries}`
}
const accessKeyOf = home => {
  const out = run(process.execPath, [BIN, 'env', home.profile, '--format', 'json'], envFor(home.home))
  return JSON.parse(out.stdout).AccessKeyId
}
const envCheck = home => {
  const key = accessKeyOf(home)
  return r => (r.stdout.includes(`AWS_ACCESS_KEY_ID='${key}'`) ? undefined : 'env printed no AWS_ACCESS_KEY_ID')
}

const node = (label, args, home, check, runs = RUNS) => ({ label, command: process.execPath, args, home, check, runs })
const awscache = (label, args, home, check, runs) => node(label, [BIN, ...args], home, check, runs)
const t = homes.typical
const cases = [
  node('node -e 0 (the floor)', ['-e', '0'], t, () => undefined),
  awscache(`awscache env P: 20 entries / 20 profiles`, ['env', t.profile], t, envCheck(t)),
  awscache(`awscache list --json: 20 entries / 20 profiles`, ['list', '--json'], t, listCheck(t)),
  awscache(`awscache list --json: 1,000 entries / 500 profiles`, ['list', '--json'], homes.k1, listCheck(homes.k1), Math.max(5, Math.ceil(RUNS * 0.75))),
  awscache(`awscache list --json: 10,000 entries / 5,000 profiles`, ['list', '--json'], homes.k10, listCheck(homes.k10), Math.max(5, Math.ceil(RUNS / 3))),
]
const aws = awsCli()
let awsSkipped
if (aws) {
  const key = accessKeyOf(t)
  const awsCase = {
    label: 'aws configure export-credentials --profile P --format env: 20 entries',
    command: aws,
    args: ['configure', 'export-credentials', '--profile', t.profile, '--format', 'env'],
    home: t,
    // the AWS CLI found the very session awscache exports: it read its cache and called nothing
    check: r => (r.stdout.includes(`AWS_ACCESS_KEY_ID=${key}`) ? undefined : `${aws} did not export the cached session`),
    runs: Math.max(5, Math.ceil(RUNS / 2)),
  }
  const probe = run(awsCase.command, awsCase.args, envFor(t.home))
  if (probe.status === 0 && !awsCase.check(probe)) cases.push(awsCase)
  else awsSkipped = `${aws} configure export-credentials failed: ${(probe.stderr || String(probe.error)).trim().split('\n').pop()}`
} else {
  awsSkipped = 'the AWS CLI is not installed'
}

const measure = (c, times) => {
  const r = run(c.command, c.args, envFor(c.home.home))
  const problem = r.status !== 0 ? `exit ${r.status}: ${r.stderr.trim()}` : r.stderr !== '' ? `stderr: ${r.stderr.trim()}` : c.check(r)
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
  process.stderr.write(`\rbench: round ${round + 1}/${rounds}`)
}
process.stderr.write('\n')
rmSync(tmp, { recursive: true, force: true })

const results = cases.map((c, i) => ({
  label: c.label,
  command: [c.command === process.execPath ? 'node' : c.command, ...c.args.map(a => (a === BIN ? pkg.bin.awscache : a))].join(' '),
  entries: i === 0 ? null : c.home.entries,
  profiles: i === 0 ? null : c.home.profiles,
  runs: samples[i].length,
  medianMs: median(samples[i]),
  minMs: Math.min(...samples[i]),
  maxMs: Math.max(...samples[i]),
  samplesMs: samples[i].map(ms => Math.round(ms * 100) / 100),
}))
const [floor, env, list20, list1k, list10k, awsResult] = results
const floorMs = floor.medianMs
for (const r of results) r.ratio = r.medianMs / floorMs

const targets = [
  { target: 'env P, 20 entries: at most 1.4x the floor', value: env.ratio, limit: 1.4, pass: env.ratio <= 1.4, unit: 'x' },
  { target: 'list --json, 20 entries: at most 1.4x the floor', value: list20.ratio, limit: 1.4, pass: list20.ratio <= 1.4, unit: 'x' },
  { target: 'list --json, 1,000 entries: at most 2x the floor', value: list1k.ratio, limit: 2, pass: list1k.ratio <= 2, unit: 'x' },
  (() => {
    const growth = (list10k.medianMs - floorMs) / (list1k.medianMs - floorMs)
    return { target: '10,000 entries: time above the floor at most 12x the 1,000-entry one', value: growth, limit: 12, pass: growth <= 12, unit: 'x' }
  })(),
  awsResult
    ? (() => {
        const speedup = awsResult.medianMs / env.medianMs
        return { target: 'env P at least 4x faster than aws configure export-credentials', value: speedup, limit: 4, pass: speedup >= 4, unit: 'x faster' }
      })()
    : { target: 'env P at least 4x faster than aws configure export-credentials', value: null, limit: 4, pass: null, skipped: awsSkipped },
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
  warmup: WARMUP,
  machine,
  results,
  targets,
}

const ms = x => `${x.toFixed(1)} ms`
const rows = [['case', 'median', 'min', 'runs', 'x floor'], ...results.map(r => [r.label, ms(r.medianMs), ms(r.minMs), String(r.runs), `${r.ratio.toFixed(2)}x`])]
const widths = rows[0].map((_, i) => Math.max(...rows.map(row => row[i].length)))
console.log(`\n${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node.js ${machine.node}${awsVersion ? `, ${awsVersion}` : ''}\n`)
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '))
if (awsSkipped) console.log(`(aws configure export-credentials not measured: ${awsSkipped})`)
console.log('\nTargets (medians, as ratios in this run):')
for (const g of targets) {
  const verdict = g.pass === null ? 'skipped' : g.pass ? 'ok  ' : 'MISS'
  console.log(`  ${verdict}  ${g.target}: ${g.value === null ? g.skipped : `${g.value.toFixed(2)}${g.unit}`}`)
}

const dir = join(ROOT, 'bench-results')
mkdirSync(dir, { recursive: true })
const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify(report, null, 2) + '\n')
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2) + '\n')
console.log(`\nwrote ${file.slice(ROOT.length)}`)
