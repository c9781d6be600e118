// npm run bench:instructions — the instructions each benchmark case executes
// (valgrind's callgrind), in one table. Unlike milliseconds they are the same
// on a busy machine, run after run within a few per cent (the JIT's helper
// threads vary): the measure to compare a change by, before the wall-clock
// bench confirms it. Counted with NODE_EXTRA_CA_CERTS and NODE_OPTIONS unset,
// so that the floor is Node's own start.
//
// Beside them, the page faults of a run (the median of five, without
// valgrind): each fresh page of memory a process touches is one, and on a
// virtual machine a fault can cost as much as tens of thousands of
// instructions (about 11 µs where the README's figures were taken), which
// the instruction count does not show.
//
//   npm run bench:instructions            needs valgrind (apt-get install valgrind) and python3
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeHome } from './fixture.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.awscache)

for (const [tool, args] of [
  ['valgrind', ['--version']],
  ['python3', ['--version']],
]) {
  if (spawnSync(tool, args).status !== 0) {
    console.error(`bench:instructions: ${tool} is not installed (apt-get install ${tool})`)
    process.exit(1)
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'awscache-instructions-'))
const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', AWS_EC2_METADATA_DISABLED: 'true' }

const instructions = (args, home, code = 0) => {
  const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], {
    env: { ...env, HOME: home },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  })
  const m = /Collected : (\d+)/.exec(r.stderr)
  if (r.status !== code || !m) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`)
  return Number(m[1])
}

// a child's minor page faults and exit status, from wait4(2) (Node.js has no
// such call); they include those of the children it waited for
const FAULTS = `import os, sys
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_minflt)`

/** The median of five runs' page faults of `command` `args`, which must exit with `code`. */
const pageFaults = (command, args, home, code = 0) => {
  const runs = []
  for (let i = 0; i < 5; i++) {
    const r = spawnSync('python3', ['-c', FAULTS, command, ...args], { env: { ...env, HOME: home }, encoding: 'utf8' })
    const [status, faults] = r.stdout.trim().split(' ').map(Number)
    if (r.status !== 0 || status !== code)
      throw new Error(`${command} ${args.join(' ')} failed (${status}):\n${r.stderr}`)
    runs.push(faults)
  }
  return runs.sort((a, b) => a - b)[2]
}

try {
  const typical = writeHome(join(tmp, 'typical'), { entries: 20, profiles: 20 })
  const k1 = writeHome(join(tmp, 'k1'), { entries: 1_000, profiles: 500 })
  const cases = [
    ['node -e 0 (the floor)', ['-e', '0'], typical.home],
    ['awscache env P: 20 entries / 20 profiles', [BIN, 'env', typical.profile], typical.home],
    ['awscache list --json: 20 entries / 20 profiles', [BIN, 'list', '--json'], typical.home],
    ['awscache list --json: 1,000 entries / 500 profiles', [BIN, 'list', '--json'], k1.home],
    ['awscache list (the table): 20 entries', [BIN, 'list'], typical.home],
    ['awscache profiles', [BIN, 'profiles'], typical.home],
    ['awscache init bash', [BIN, 'init', 'bash'], typical.home],
    ['awscache status (no session in use)', [BIN, 'status'], typical.home, 3],
    // its page faults less those of the command it runs (callgrind counts only the process it starts)
    ['awscache exec P -- true', [BIN, 'exec', typical.profile, '--', 'true'], typical.home, 0, 'true'],
    ['awscache rm -n P', [BIN, 'rm', '-n', typical.profile], typical.home],
    ['awscache prune -n', [BIN, 'prune', '-n'], typical.home],
    ['awscache unset', [BIN, 'unset'], typical.home],
  ]
  let floor
  let floorFaults
  console.log(
    `${'case'.padEnd(52)} ${'instructions'.padStart(14)} ${'above floor'.padStart(14)} ${'page faults'.padStart(12)} ${'above floor'.padStart(12)}`,
  )
  for (const [label, args, home, code, less] of cases) {
    const n = instructions(args, home, code)
    const faults = pageFaults(process.execPath, args, home, code) - (less ? pageFaults(less, [], home) : 0)
    floor ??= n
    floorFaults ??= faults
    const isFloor = label.startsWith('node')
    const above = isFloor ? '' : `${((n - floor) / 1e6).toFixed(0)} M`
    const faultsAbove = isFloor ? '' : String(faults - floorFaults)
    console.log(
      `${label.padEnd(52)} ${`${(n / 1e6).toFixed(0)} M`.padStart(14)} ${above.padStart(14)} ${String(faults).padStart(12)} ${faultsAbove.padStart(12)}`,
    )
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
