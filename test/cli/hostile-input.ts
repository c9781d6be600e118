// Every case of the hostile-input corpus (test/helpers/corpus.ts) through
// every command (in this process where that shows the same: see runCommand).
// Each run must end by itself, exit with its documented code, print one line per problem
// on stderr (never a stack trace, never a terminal escape, never a secret),
// and print nothing on stdout when it fails.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { describeEnd, inPool, removeTestFolder, type ChildResult } from '../helpers/child.js'
import { runInOneChild } from '../helpers/commands-in-one-child.js'
import {
  CASES,
  COMMANDS,
  commandName,
  giveToNobody,
  secretsOf,
  type Check,
  type Code,
  type CorpusCase,
} from '../helpers/corpus.js'
import { BIN } from '../helpers/home.js'
import { runInProcess } from '../helpers/in-process.js'
import { tempFolder } from '../helpers/temp.js'

const TIMEOUT_MS = 30_000
const isRoot = process.getuid?.() === 0
const NOBODY = 65534

interface Run {
  name: string
  args: string[]
  result: ChildResult
  ms: number
}

interface Outcome {
  c: CorpusCase
  runs: Run[]
  secrets: string[]
  entries: number
  /** the decoys still in the working folder after every command ran */
  decoysLeft: string[]
}

const DECOYS = ['package.json', 'tsconfig.json', `${'0'.repeat(40)}.json`]

const expectedCode = (c: CorpusCase, name: string): Code => {
  const given = c.exits?.[name]
  if (given !== undefined) return given
  if (name.startsWith('env ') || name === 'sql') return c.use
  // rm finds the entry whenever it exists, readable or not
  if (name === 'rm') return c.use === 3 ? 3 : 0
  return 0
}

// What stdout holds when a command succeeds: the whole text, so that nothing else slips in.
const Q_SH = `'(?:[^']|'\\\\'')*'`
const Q_FISH = `'(?:[^'\\\\]|\\\\[\\s\\S])*'`
const PS_QUOTES = "'\u2018\u2019\u201a\u201b"
const Q_PS = `'(?:[^${PS_QUOTES}]|[${PS_QUOTES}]{2})*'`
const NAME = 'AWS_[A-Z_]+'
const UNSET_NAME = '(?:AWS|AWSCACHE)_[A-Z_]+'
const STDOUT_SHAPES: Record<string, RegExp> = {
  list: /^PROFILE +ACCOUNT +ROLE +SESSION +EXPIRES +LEFT\n/,
  // the four session variables, the account when known (issue 15), the profile's two region variables
  // when it has a region, then the profile variables and stale markers unset
  'env --format sh': new RegExp(
    `^(?:export ${NAME}=${Q_SH}\\n){4}(?:export ${NAME}=${Q_SH}\\n){0,3}unset (?:${UNSET_NAME} )*${UNSET_NAME}\\n$`,
  ),
  'env --format fish': new RegExp(
    `^(?:set -gx ${NAME} ${Q_FISH}\\n){4}(?:set -gx ${NAME} ${Q_FISH}\\n){0,3}(?:if set -q (${UNSET_NAME}); set -e \\1; end\\n)+$`,
  ),
  'env --format powershell': new RegExp(
    `^(?:\\$Env:${NAME} = ${Q_PS}\\n){4}(?:\\$Env:${NAME} = ${Q_PS}\\n){0,3}(?:Remove-Item Env:${UNSET_NAME} -ErrorAction SilentlyContinue\\n)+$`,
  ),
  'env --format dotenv': new RegExp(`^(?:${NAME}=[^\\n\\r\\0]*\\n){4,7}$`),
  sql: /^ACCESS_KEY_ID '[\s\S]*' SECRET_ACCESS_KEY '[\s\S]*' SESSION_TOKEN '[\s\S]*'\n$/,
  'clear --dry-run': /^$/,
  'prune --dry-run': /^$/,
  unset: /^(?:unset [A-Z_ ]+\n)?$/,
  'init bash': /awscache-use\(\)/,
  rm: /^$/,
  logins: /^LOGIN +KIND +PROFILES +EXPIRES +LEFT +REFRESH\n/,
  'prune --unreadable': /^$/,
}

const isJsonArray = (text: string): boolean => {
  try {
    return Array.isArray(JSON.parse(text))
  } catch {
    return false
  }
}

const stdoutProblem = (name: string, r: ChildResult): string | undefined => {
  if (r.code !== 0)
    return r.stdout === '' ? undefined : `stdout not empty on failure: ${JSON.stringify(r.stdout.slice(0, 200))}`
  if (name === 'list --json') return isJsonArray(r.stdout) ? undefined : 'stdout is not a JSON array'
  if (name === 'env --format json') {
    const keys = (() => {
      try {
        return Object.keys(JSON.parse(r.stdout) as object).join(',')
      } catch {
        return 'not JSON'
      }
    })()
    // AccountId when the session knows its account (issue 15)
    return /^Version,AccessKeyId,SecretAccessKey,SessionToken,Expiration(,AccountId)?$/.test(keys)
      ? undefined
      : `stdout is not the credential_process JSON (${keys})`
  }
  const shape = STDOUT_SHAPES[name === 'list --all' ? 'list' : name === 'logins --all' ? 'logins' : name]
  return shape && !shape.test(r.stdout)
    ? `stdout is not shaped as expected: ${JSON.stringify(r.stdout.slice(0, 300))}`
    : undefined
}

// The checks of one run, by kind.
const problemsOf = (o: Outcome, run: Run): Record<'core' | Check, string[]> => {
  const { result: r, name } = run
  const core: string[] = []
  const stderrLines = r.stderr.split('\n').slice(0, -1)
  if (r.timedOut) core.push('did not end by itself')
  else if (r.signal) core.push(`killed by ${r.signal}`)
  else if (r.code !== expectedCode(o.c, name)) core.push(`exit ${r.code}, expected ${expectedCode(o.c, name)}`)
  if (r.stderr !== '' && !r.stderr.endsWith('\n')) core.push('stderr does not end with a line break')
  if (/^\s+at .+[:(]/m.test(r.stderr)) core.push('a stack trace on stderr')
  if (/\b[A-Za-z]*Error:|\bnode:internal|\bERR_[A-Z_]+/.test(r.stderr))
    core.push(`an exception on stderr: ${JSON.stringify(r.stderr.slice(0, 300))}`)
  if (stderrLines.some(l => l.length > 1000)) core.push('a stderr line over 1000 characters: content dumped?')
  if (stderrLines.length > o.entries + 20) core.push(`${stderrLines.length} stderr lines for ${o.entries} entries`)
  const repeated = stderrLines.filter((l, i) => l.startsWith('awscache: ') && stderrLines.indexOf(l) !== i)
  if (repeated.length) core.push(`a message said twice: ${JSON.stringify(repeated[0])}`)
  const out = stdoutProblem(name, r)
  if (out) core.push(out)
  const printsCredentials = name.startsWith('env ') || name === 'sql'
  for (const secret of o.secrets) {
    if (r.stderr.includes(secret)) core.push(`a secret on stderr (${secret.slice(0, 6)}…)`)
    if (!printsCredentials && r.stdout.includes(secret))
      core.push(`a secret on stdout of ${name} (${secret.slice(0, 6)}…)`)
  }
  const stray = stderrLines.filter(l => !l.startsWith('awscache: ') && !l.startsWith('  '))
  return {
    core,
    'message-lines': stray.length
      ? [`stderr lines that are not messages or hints: ${JSON.stringify(stray.slice(0, 3))}`]
      : [],
    'internal-error': /internal error/.test(r.stderr)
      ? [`an internal error: ${JSON.stringify(r.stderr.slice(0, 300))}`]
      : [],
    // a line break ends a message; anything else below 0x20 (ESC above all) drives the terminal
    'control-characters': /[\x00-\x09\x0b-\x1f\x7f-\x9f]/.test(r.stderr)
      ? [`control characters on stderr: ${JSON.stringify(r.stderr.slice(0, 200))}`]
      : [],
  }
}

const countEntries = (dir: string): number => {
  try {
    return readdirSync(dir).length
  } catch {
    return 0
  }
}

// In this process where it can be (most cases: many times faster); in one
// child process for another user, where HOME is not set (os.homedir()
// reads the process's real environment), and for the slow cases (thousands
// of entries, a 4 MB config), which then run beside the rest, on the built
// code rather than through tsx and tap's coverage. Every command
// still runs as the bin in test/cli/entry-points.ts, which holds it to main()'s output.
const runCommands = async (
  commands: string[][],
  env: Record<string, string>,
  cwd: string,
  { nobody, slow }: { nobody: boolean; slow: boolean },
): Promise<Run[]> => {
  const started = Date.now()
  if (nobody || slow || !env.HOME) {
    const results = await runInOneChild(commands, {
      env,
      cwd,
      timeoutMs: TIMEOUT_MS,
      ...(nobody ? { uid: NOBODY, gid: NOBODY } : {}),
    })
    const ms = Math.round((Date.now() - started) / commands.length)
    return results.map((result, i) => ({ name: '', args: commands[i] as string[], result, ms }))
  }
  const runs: Run[] = []
  // one after the other: rm and prune change what the next command sees
  for (const args of commands) {
    const t0 = Date.now()
    const r = await runInProcess(args, { env, cwd })
    const result = { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false }
    runs.push({ name: '', args, result, ms: Date.now() - t0 })
  }
  return runs
}

const runCase = async (c: CorpusCase): Promise<Outcome> => {
  const built = c.build()
  const secrets = secretsOf(built)
  const entries = countEntries(built.cacheDir)
  const root = built.root ?? built.env.HOME ?? ''
  const nobody = built.asNobody === true && isRoot
  if (nobody) giveToNobody(root)
  const env = { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', ...built.env }
  // the working folder holds *.json files that are not cache entries: nothing may ever touch them
  const cwd = tempFolder('awscache-cwd-')
  for (const decoy of DECOYS) writeFileSync(join(cwd, decoy), '{"name": "decoy"}')
  if (nobody) giveToNobody(cwd)
  const commands = COMMANDS.map(command => command.map(w => (w === '@' ? c.target : w)))
  const runs = (await runCommands(commands, env, cwd, { nobody, slow: c.slow === true })).map((run, i) => ({
    ...run,
    name: commandName(COMMANDS[i] as (typeof COMMANDS)[number]),
  }))
  const decoysLeft = DECOYS.filter(decoy => existsSync(join(cwd, decoy)))
  rmSync(cwd, { recursive: true, force: true })
  // only what this test made: a temporary folder of its own
  if (root.startsWith(join(tmpdir(), 'awscache-')) && existsSync(root)) {
    removeTestFolder(root)
  }
  return { c, runs, secrets, entries, decoysLeft }
}

const report = (t: Test, o: Outcome): void => {
  t.same(o.decoysLeft, DECOYS, 'no file in the working folder was touched')
  for (const run of o.runs) {
    const p = problemsOf(o, run)
    const label = `${run.name}: ${describeEnd(run.result, TIMEOUT_MS)}`
    t.same(p.core, [], label)
    for (const check of ['internal-error', 'control-characters', 'message-lines'] as const) {
      t.same(p[check], [], `${run.name}: no ${check.replace('-', ' ')}`)
    }
  }
}

if (!existsSync(BIN)) {
  t.fail(`${BIN} is missing: run npm run build first (npm test does)`)
} else {
  // the login-folder cases (issue 12) made the run longer: still generous on a busy machine
  t.setTimeout(900_000)
  if (!isRoot) t.comment('not root: permission cases run as this user')
  t.comment(`${CASES.length} cases × ${COMMANDS.length} commands`)
  // the slow cases first, so that they do not make the tail of the run
  const ordered = [...CASES.filter(c => c.slow), ...CASES.filter(c => !c.slow)]
  const outcomes = await inPool(ordered, Math.max(2, availableParallelism()), runCase)
  for (const o of outcomes) await t.test(o.c.name, async t => report(t, o))
  const slowest = outcomes
    .flatMap(o => o.runs.map(r => ({ ms: r.ms, what: `${o.c.name} / ${r.name}` })))
    .sort((a, b) => b.ms - a.ms)
  t.comment(
    `slowest runs: ${slowest
      .slice(0, 8)
      .map(s => `${s.ms}ms ${s.what}`)
      .join('; ')}`,
  )
  t.comment(`median run: ${slowest[Math.floor(slowest.length / 2)]?.ms}ms`)
  t.ok(CASES.length >= 40, `at least 40 cases (${CASES.length})`)
}
