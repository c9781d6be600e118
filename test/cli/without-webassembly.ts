// Past a run's first two digests SHA-1 runs in WebAssembly
// (lib/aws/sha1-webassembly.ts); a Node.js started with --jitless or
// --no-expose-wasm has none, and one in a small address space (ulimit -v)
// cannot make a WebAssembly memory: awscache then hashes with node:crypto,
// the same profiles for the same entries.
import { spawnSync } from 'node:child_process'
import t from 'tap'
import { writeBenchHome } from '../helpers/bench-home.js'
import { tempFolder } from '../helpers/temp.js'

const BIN = new URL('../../dist/cli/awscache.cjs', import.meta.url).pathname
const home = tempFolder('awscache-no-wasm-')
const { profile } = writeBenchHome(home, { entries: 20, profiles: 20 })

const options = {
  env: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
  encoding: 'utf8',
  timeout: 60_000,
} as const
const run = (nodeArgs: string[], args: string[]) => spawnSync(process.execPath, [...nodeArgs, BIN, ...args], options)

// 4 GB of address space: enough for Node.js, not for the 10 GB V8 reserves for a WebAssembly memory
const ADDRESS_SPACE_KB = 4_000_000
// node with these arguments, under that limit
const limited = (args: string[]) =>
  spawnSync('bash', ['-c', `ulimit -v ${ADDRESS_SPACE_KB} && exec "$@"`, 'bash', process.execPath, ...args], options)

// what does not change from one second to the next
const matches = (stdout: string): [string, string[]][] =>
  (JSON.parse(stdout) as { id: string; profiles: string[] }[]).map(e => [e.id, e.profiles])

const usual = run([], ['list', '--json'])
t.equal(usual.status, 0, usual.stderr)
const expected = matches(usual.stdout)
t.ok(
  expected.filter(([, profiles]) => profiles.length > 0).length >= 10,
  'most entries are matched to a profile (the digests are what is compared)',
)

for (const flag of ['--jitless', '--no-expose-wasm']) {
  t.test(`node ${flag}`, async t => {
    const list = run([flag], ['list', '--json'])
    t.equal(list.status, 0, list.stderr)
    t.same(matches(list.stdout), expected, 'list --json: the same profiles for the same entries')
    const env = run([flag], ['env', profile])
    t.equal(env.status, 0, env.stderr)
    t.match(env.stdout, /AWS_SESSION_TOKEN=/, `env ${profile} finds its session`)
  })
}

t.test(`an address space of ${ADDRESS_SPACE_KB} KB (ulimit -v), too small for a WebAssembly memory`, async t => {
  const probe = limited(['-e', 'new WebAssembly.Memory({ initial: 1 })'])
  t.not(probe.status, 0, 'this limit does refuse a WebAssembly memory here (else the case below proves nothing)')
  const list = limited([BIN, 'list', '--json'])
  t.equal(list.status, 0, list.stderr)
  t.same(matches(list.stdout), expected, 'list --json: the same profiles for the same entries')
})
