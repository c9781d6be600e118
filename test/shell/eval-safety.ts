// Eval safety, as a property: thousands of generated values are put into
// cache entries, exported by awscache (its main() in this process; a sample of
// every format and outcome by the built bin too) in every --format, and read
// back by the program each format is for: sh output by bash (UTF-8 and C
// locales), zsh and dash through eval "$(…)"; fish output by fish through
// `| source`; dotenv as docker run --env-file parses it; json by JSON.parse.
// Every value must come back exactly, a value a format cannot carry must be
// refused (exit 1, nothing on stdout), and nothing may ever run: every value
// is full of commands that would create a canary file. A profile's region,
// read from a config file, is exported the same way and checked likewise,
// with AWS_PROFILE and stale markers gone after evaluation.
//
// The values come from a seeded PRNG: a failure prints the seed, and
// AWSCACHE_TEST_SEED=<seed> replays it. AWSCACHE_TEST_VALUES sets how many.
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { ssoCacheKey } from '../../lib/aws/cache-key.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { inPool, runAwscache, runChild, type ChildResult } from '../helpers/child.js'
import { BIN } from '../helpers/home.js'
import { runInProcess } from '../helpers/in-process.js'
import { prng, testSeed, type Prng } from '../helpers/prng.js'
import { hasCommand, missingReason } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'

const FORMATS = ['sh', 'fish', 'powershell', 'dotenv', 'json'] as const
type Format = (typeof FORMATS)[number]
const VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const
const EXPIRATION = '2099-01-01T00:00:00Z'
const TIMEOUT_MS = 60_000

const seed = testSeed()
const rnd = prng(seed)
const VALUE_COUNT = Number(process.env.AWSCACHE_TEST_VALUES ?? 3000)
const replay = `seed ${seed}: replay with AWSCACHE_TEST_SEED=${seed} npx tap test/eval-safety.ts`

const dir = tempFolder('awscache-eval-')
const cacheDir = join(dir, 'cache')
const outDir = join(dir, 'out')
mkdirSync(cacheDir)
mkdirSync(outDir)
// Any execution of any generated value would create this file.
const CANARY = join(dir, 'CANARY')

// ---------------------------------------------------------------- values

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))

// Every ASCII character but NUL, and the C1 controls, each on its own.
const SINGLES = [...range(0x01, 0x7f), ...range(0x80, 0x9f)]

// Ways out of a quoted string, for each target: all of them create the canary.
const INJECTIONS = [
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `'$(touch ${CANARY})'`,
  `"$(touch ${CANARY})"`,
  `'; touch ${CANARY}; '`,
  `"; touch ${CANARY}; "`,
  `\\'; touch ${CANARY}; echo \\'`,
  `'\\''; touch ${CANARY}; '\\''`,
  `\n touch ${CANARY}\n`,
  `\r\ntouch ${CANARY}\r\n`,
  `; touch ${CANARY}`,
  `| touch ${CANARY}`,
  `&& touch ${CANARY}`,
  `> ${CANARY}`,
  `>> ${CANARY}`,
  `'>${CANARY}'`,
  `(touch ${CANARY})`,
  `'(touch ${CANARY})'`,
  `\\'(touch ${CANARY})\\'`,
  `{$(touch ${CANARY})}`,
  `$(New-Item ${CANARY})`,
  `@(New-Item ${CANARY})`,
  `'; New-Item ${CANARY}; '`,
  `\u2018; New-Item ${CANARY}; \u2019`,
  `\u201a\u201b; New-Item ${CANARY}`,
  `\${touch ${CANARY}}`,
  `$((1+1))`,
  '!!',
  '!-1',
  '%PATH%',
  '$HOME',
  '${HOME}',
  '~',
  '~root',
  '*',
  '?',
  '[a-z]',
  '{a,b}',
  '\\',
  '\\\\',
  "'",
  '"',
  '`',
  '$',
  '\\n',
  "'\n'",
  `#; touch ${CANARY}`,
  `\\\n touch ${CANARY}`,
  `'"'"'; touch ${CANARY}; '"'"'`,
  `$'\\x27'; touch ${CANARY}`,
]

// Characters that mean something to some shell, and controls.
const DANGEROUS = `'"\`$\\!#&|;<>(){}[]*?~%^=,.:+-@ \t\n\r\v\f\x1b\x7f\u2018\u2019\u201a\u201b\u201c\u201d`

const randomAscii = (r: Prng): string =>
  Array.from({ length: r.int(1, 40) }, () =>
    r.next() < 0.6 ? r.pick([...DANGEROUS]) : String.fromCharCode(r.int(1, 0x7f)),
  ).join('')

// Code points from every plane, skipping surrogates, weighted towards the
// ones that shells treat specially: fish's private ranges (U+F600-U+F6FF,
// U+FDD0-U+FDEF), line and paragraph separators, BOM, bidi overrides.
const SPECIAL_CODE_POINTS = [
  0x85, 0xa0, 0xfeff, 0x2028, 0x2029, 0x202e, 0x200b, 0xfffe, 0xffff, 0xfffd, 0x10ffff, 0x1f600,
]
const randomCodePoint = (r: Prng): number => {
  const roll = r.next()
  if (roll < 0.1) return r.pick(SPECIAL_CODE_POINTS)
  if (roll < 0.2) return r.int(0xf600, 0xf6ff)
  if (roll < 0.25) return r.int(0xfdd0, 0xfdef)
  if (roll < 0.4) return r.int(0x80, 0x7ff)
  if (roll < 0.8) {
    const cp = r.int(0x800, 0xfffd)
    return cp >= 0xd800 && cp <= 0xdfff ? 0x3042 : cp
  }
  return r.int(0x10000, 0x10ffff)
}
const randomUnicode = (r: Prng, length: number): string =>
  Array.from({ length }, () => String.fromCodePoint(randomCodePoint(r))).join('')

// Random bytes, NUL-free, decoded as UTF-8 the way awscache reads a file's text.
const randomBytes = (r: Prng): string =>
  new TextDecoder('utf-8').decode(Buffer.from(Array.from({ length: r.int(1, 64) }, () => r.int(1, 255))))

const generateValues = (r: Prng, count: number): string[] => {
  const values = [...SINGLES, ...INJECTIONS]
  // a few long ones
  for (let i = 0; i < 4; i++) values.push(randomUnicode(r, r.int(2000, 5000)))
  while (values.length < count) {
    const roll = r.next()
    values.push(roll < 0.35 ? randomAscii(r) : roll < 0.7 ? randomUnicode(r, r.int(1, 200)) : randomBytes(r))
  }
  return values
}

// ---------------------------------------------------------------- entries

interface Entry {
  id: string
  /** AccessKeyId, SecretAccessKey, SessionToken */
  fields: [string, string, string]
}

/** What each format must do with an entry: read it back exactly, or refuse it. */
const carries = (format: Format, e: Entry): boolean => {
  const all = e.fields.join('')
  // a lone surrogate has no UTF-8 spelling; JSON escapes it
  const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(all)
  if (format === 'json') return true
  if (all.includes('\0') || lone) return false
  if (format === 'dotenv') return !/[\r\n]/.test(all)
  return true
}

// Fields are runs of consecutive values, so that each value meets others at
// both ends, and starts or ends a field now and then.
const buildEntries = (r: Prng, values: string[]): Entry[] => {
  const entries: Entry[] = []
  let next = 0
  const take = (lineSafe: boolean): string => {
    const n = r.int(1, 40)
    const parts = values.slice(next, next + n)
    next += n
    const text = parts.join('')
    // half the entries carry no line break, so that dotenv has values to carry too
    return (lineSafe ? text.replace(/[\r\n]/g, ' ') : text) || 'x'
  }
  while (next < values.length) {
    const lineSafe = entries.length % 2 === 0
    entries.push({ id: '', fields: [take(lineSafe), take(lineSafe), take(lineSafe)] })
  }
  // values that are exactly one awkward character or pair, where quoting most often slips
  const EDGES = [
    "'",
    '\\',
    "\\'",
    "'\\''",
    '"',
    '$',
    '`',
    '\n',
    ' ',
    '\t',
    '#',
    '=',
    '-e',
    '\x7f',
    '\x01',
    "x'",
    "'x",
    '\\\\',
    '\r',
    '\u2019',
  ]
  for (let i = 0; i < EDGES.length; i += 3) {
    entries.push({ id: '', fields: [EDGES[i] as string, EDGES[i + 1] ?? 'x', EDGES[i + 2] ?? 'x'] })
  }
  // refused by every text format, carried by json: NUL, lone surrogates
  entries.push({ id: '', fields: ['ASIA\0', 'secret', 'token'] })
  entries.push({ id: '', fields: ['ASIA', `${randomAscii(r)}\0${randomUnicode(r, 20)}`, 'token'] })
  entries.push({ id: '', fields: ['ASIA', 'secret', '\ud800'] })
  entries.push({ id: '', fields: ['\udfff\ud800x', 'secret', 'token'] })
  // refused by dotenv only
  entries.push({ id: '', fields: ['ASIA', 'secret', 'line\nbreak'] })
  entries.push({ id: '', fields: ['ASIA', 'carriage\rreturn', 'token'] })
  return entries.map((e, i) => ({ ...e, id: (i + 1).toString(16).padStart(40, 'e') }))
}

// The AWS CLI writes entries with Python's json.dumps, which escapes every
// non-ASCII character (ensure_ascii); other writers do not. Both spellings, alternately.
const asciiOnly = (json: string): string =>
  json.replace(/[\u007f-\uffff]/g, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)

const writeEntry = (e: Entry, i: number): void => {
  const [AccessKeyId, SecretAccessKey, SessionToken] = e.fields
  // JSON.stringify writes a lone surrogate as \udXXX and NUL as \u0000, as Python's json.dumps does
  const json = JSON.stringify({ Credentials: { AccessKeyId, SecretAccessKey, SessionToken, Expiration: EXPIRATION } })
  writeFileSync(join(cacheDir, `${e.id}.json`), i % 2 ? asciiOnly(json) : json, { mode: 0o600 })
}

const expected = (e: Entry): string[] => [...e.fields, EXPIRATION]

// ---------------------------------------------------------------- readers

// eval "$(awscache env P)" exactly as a user writes it, for each entry, in one shell process.
const SH_READER = `for f in "$@"; do
  unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_CREDENTIAL_EXPIRATION
  eval "$(cat "$f")"
  printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"
done`

// awscache env P --format fish | source
const FISH_READER = `for f in $argv
  set -e AWS_ACCESS_KEY_ID; set -e AWS_SECRET_ACCESS_KEY; set -e AWS_SESSION_TOKEN; set -e AWS_CREDENTIAL_EXPIRATION
  cat $f | source
  printf '%s\\0' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"
end`

// PowerShell: dot-source each file, then print each variable followed by NUL.
const PWSH_READER = `foreach ($f in $args) {
  foreach ($n in 'AWS_ACCESS_KEY_ID','AWS_SECRET_ACCESS_KEY','AWS_SESSION_TOKEN','AWS_CREDENTIAL_EXPIRATION') { Remove-Item "Env:$n" -ErrorAction SilentlyContinue }
  Invoke-Expression ([System.IO.File]::ReadAllText($f))
  foreach ($n in 'AWS_ACCESS_KEY_ID','AWS_SECRET_ACCESS_KEY','AWS_SESSION_TOKEN','AWS_CREDENTIAL_EXPIRATION') { [Console]::Out.Write([Environment]::GetEnvironmentVariable($n) + [char]0) }
}`

interface ShellReader {
  label: string
  command: string
  args: (files: string[]) => string[]
  env?: Record<string, string>
  format: Format
}

const SHELLS: ShellReader[] = [
  { label: 'bash (C.UTF-8)', command: 'bash', args: f => ['-c', SH_READER, 'bash', ...f], format: 'sh' },
  {
    label: 'bash (LC_ALL=C: bytes)',
    command: 'bash',
    args: f => ['-c', SH_READER, 'bash', ...f],
    env: { LC_ALL: 'C' },
    format: 'sh',
  },
  { label: 'zsh', command: 'zsh', args: f => ['-f', '-c', SH_READER, 'zsh', ...f], format: 'sh' },
  { label: 'dash', command: 'dash', args: f => ['-c', SH_READER, 'dash', ...f], format: 'sh' },
  { label: 'fish', command: 'fish', args: f => ['--no-config', '-c', FISH_READER, ...f], format: 'fish' },
  {
    label: 'pwsh',
    command: 'pwsh',
    args: f => ['-NoProfile', '-NonInteractive', '-Command', `& { ${PWSH_READER} }`, ...f],
    format: 'powershell',
  },
]

// docker's env-file parser (docker/cli opts/file.go): lines split at \n, a
// trailing \r dropped, leading white space trimmed, blank and # lines skipped,
// NAME=VALUE cut at the first "=", the value taken as it is.
const parseDockerEnvFile = (text: string): Map<string, string> => {
  const vars = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/u, '')
    if (line === '' || line.startsWith('#')) continue
    const at = line.indexOf('=')
    if (at <= 0 || /\s/.test(line.slice(0, at)))
      throw new Error(`docker would refuse the line ${JSON.stringify(line.slice(0, 80))}`)
    vars.set(line.slice(0, at), line.slice(at + 1))
  }
  return vars
}

// PowerShell's single-quoted string, as its tokenizer reads it: any of the
// five single quotes followed by another is one literal quote (the second).
const PS_QUOTE = /['\u2018\u2019\u201a\u201b]/
const parsePowershellModel = (text: string): Map<string, string> => {
  const vars = new Map<string, string>()
  let i = 0
  while (i < text.length) {
    // what env removes (AWS_PROFILE, stale markers): a fixed line per name
    const removal = /^Remove-Item Env:([A-Z_]+) -ErrorAction SilentlyContinue\n/.exec(text.slice(i, i + 80))
    if (removal) {
      vars.delete(removal[1] as string)
      i += removal[0].length
      continue
    }
    const head = /^\$Env:([A-Z_]+) = /.exec(text.slice(i, i + 64))
    if (!head) throw new Error(`not an assignment at ${JSON.stringify(text.slice(i, i + 40))}`)
    i += head[0].length
    if (!PS_QUOTE.test(text[i] ?? '')) throw new Error('value does not start with a quote')
    i++
    let value = ''
    for (;;) {
      const ch = text[i]
      if (ch === undefined) throw new Error('unterminated string')
      if (PS_QUOTE.test(ch)) {
        if (!PS_QUOTE.test(text[i + 1] ?? '')) break
        value += text[i + 1]
        i += 2
        continue
      }
      value += ch
      i++
    }
    i++
    if (text[i] !== '\n') throw new Error('text after the closing quote')
    i++
    vars.set(head[1] as string, value)
  }
  return vars
}

const fromVars = (vars: Map<string, string>): string[] => VARIABLES.map(n => vars.get(n) ?? '<unset>')

// ---------------------------------------------------------------- the test

// The texts to evaluate come from awscache's own main() in this process (a
// node start per export would cost minutes); a sample of them is then made
// again by the built bin, which must print exactly the same.
const exportText = async (args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> => {
  const r = await runInProcess(args, { env })
  return { code: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false }
}

const BIN_SAMPLE = 3

const checkAgainstBin = async (
  t: Test,
  runs: { args: string[]; result: ChildResult }[],
  env: NodeJS.ProcessEnv,
): Promise<void> => {
  // every format and every refusal, and evenly spread others
  const picked = new Set<number>()
  const step = Math.max(1, Math.floor(runs.length / BIN_SAMPLE))
  for (let i = 0; i < runs.length; i += step) picked.add(i)
  const firstOf = new Map<string, number>()
  runs.forEach((x, i) => {
    const kind = `${x.args.join(' ').replace(/^env \S+ /, '')} ${x.result.code}`
    if (!firstOf.has(kind)) firstOf.set(kind, i)
  })
  for (const i of firstOf.values()) picked.add(i)
  const sample = [...picked].map(i => runs[i] as (typeof runs)[number])
  const fromBin = await inPool(sample, Math.max(2, availableParallelism()), x =>
    runAwscache(x.args, { env, timeoutMs: TIMEOUT_MS }),
  )
  sample.forEach((x, i) => {
    const b = fromBin[i] as ChildResult
    t.same(
      [b.code, b.stdout, b.stderr],
      [x.result.code, x.result.stdout, x.result.stderr],
      `${x.args.join(' ').slice(0, 60)}: the built bin prints the same`,
    )
  })
}

interface Exported {
  entry: Entry
  format: Format
  result: ChildResult
  /** where stdout was saved, for the shells */
  file: string
}

const shout = (lines: string[]): void => {
  const bar = '!'.repeat(78)
  process.stderr.write(`\n${bar}\n${lines.map(l => `!! ${l}`).join('\n')}\n${bar}\n\n`)
}

const firstDifference = (a: string, b: string): string => {
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  return `differs at ${i}: got ${JSON.stringify(a.slice(Math.max(0, i - 10), i + 10))}, want ${JSON.stringify(b.slice(Math.max(0, i - 10), i + 10))}`
}

// One assertion per entry, saying where a value differs: not one per value.
const compare = (t: Test, what: string, e: Entry, got: string[]): void => {
  const want = expected(e)
  const diffs = want.flatMap((w, i) =>
    got[i] === w ? [] : [`${VARIABLES[i]} ${firstDifference(got[i] ?? '<missing>', w)}`],
  )
  t.same(diffs, [], `${what}: entry ${e.id.slice(-6)} read back exactly (${replay})`)
}

let anyRan = false

const main = async (): Promise<void> => {
  // generous: a loaded machine runs the shells and the built bin's sample slowly
  t.setTimeout(600_000)
  t.comment(replay)
  const values = generateValues(rnd, VALUE_COUNT)
  const entries = buildEntries(rnd, values)
  entries.forEach(writeEntry)
  t.comment(`${values.length} generated values in ${entries.length} entries × ${FORMATS.length} formats`)
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))

  const env = { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', AWSCACHE_CACHE_DIR: cacheDir }
  const jobs = entries.flatMap(entry => FORMATS.map(format => ({ entry, format })))
  const exported = await inPool(jobs, 1, async ({ entry, format }, i): Promise<Exported> => {
    const result = await exportText(['env', entry.id, '--format', format], env)
    const file = join(outDir, `${i}.${format}`)
    writeFileSync(file, result.stdout)
    return { entry, format, result, file }
  })

  await t.test('the built bin exports exactly what main() does here (a sample)', t =>
    checkAgainstBin(
      t,
      exported.map(x => ({ args: ['env', x.entry.id, '--format', x.format], result: x.result })),
      env,
    ),
  )

  await t.test('each value is exported, or refused with exit 1 and nothing on stdout', async t => {
    for (const x of exported) {
      const label = `${x.format} entry ${x.entry.id.slice(-6)}`
      if (carries(x.format, x.entry)) {
        t.same([x.result.code, x.result.stderr], [0, ''], `${label}: exported`)
      } else {
        t.same([x.result.code, x.result.stdout], [1, ''], `${label}: refused, nothing printed`)
        t.match(x.result.stderr, /^awscache: a value holds .*; nothing printed\n$/, `${label}: one line says why`)
      }
    }
  })

  const ok = (format: Format): Exported[] =>
    exported.filter(x => x.format === format && x.result.code === 0 && carries(format, x.entry))

  for (const shell of SHELLS) {
    const missing = !hasCommand(shell.command)
    const reason =
      shell.command === 'pwsh'
        ? 'pwsh (PowerShell) is not installed (it is not in Debian): PowerShell output was NOT evaluated, only checked against a model of its quoting below'
        : missingReason(shell.command)
    if (missing) shout([`SKIPPED: ${shell.label} did NOT evaluate awscache's output:`, reason])
    await t.test(`${shell.format} output evaluated by ${shell.label}`, { skip: missing && reason }, async t => {
      const xs = ok(shell.format)
      const r = await runChild(shell.command, shell.args(xs.map(x => x.file)), {
        env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', ...shell.env },
        timeoutMs: TIMEOUT_MS,
      })
      t.equal(r.timedOut, false, `${shell.label} ended`)
      t.equal(r.stderr, '', `${shell.label} said nothing on stderr`)
      const got = r.stdout.split('\0')
      t.equal(got.length, xs.length * VARIABLES.length + 1, `${shell.label} printed four values per entry`)
      xs.forEach((x, i) => compare(t, shell.label, x.entry, got.slice(i * 4, i * 4 + 4)))
      // removed once seen, so that the next shell's check says whether it ran anything itself
      const ran = existsSync(CANARY)
      anyRan ||= ran
      rmSync(CANARY, { force: true })
      t.notOk(ran, `${shell.label} ran nothing (${replay})`)
    })
  }

  await t.test('dotenv output parsed as docker run --env-file does', async t => {
    for (const x of ok('dotenv')) compare(t, 'dotenv', x.entry, fromVars(parseDockerEnvFile(x.result.stdout)))
  })

  await t.test('json output parsed by JSON.parse', async t => {
    for (const x of ok('json')) {
      const j = JSON.parse(x.result.stdout) as Record<string, unknown>
      t.equal(j.Version, 1)
      compare(t, 'json', x.entry, [j.AccessKeyId, j.SecretAccessKey, j.SessionToken, j.Expiration].map(String))
    }
  })

  await t.test(
    'powershell output against a model of PowerShell quoting (pwsh itself is above, when installed)',
    async t => {
      for (const x of ok('powershell'))
        compare(t, 'powershell model', x.entry, fromVars(parsePowershellModel(x.result.stdout)))
    },
  )

  // inside a test of its own: tap ends the top level (and removes the folder) when no test is running
  await t.test("a profile's region, with AWS_PROFILE set before", regionTest)

  t.notOk(anyRan || existsSync(CANARY), `no canary: nothing anywhere ran a value (${replay})`)
}

// ---------------------------------------------------------------- a profile's region

// env also exports the profile's region (a value from the config file, as
// hostile as any) and unsets AWS_PROFILE, AWS_DEFAULT_PROFILE and stale
// markers: evaluated, the region must come back exactly and the others be gone.
const REGION_READ = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWSCACHE_PROFILE',
] as const
const REGION_COUNT = Number(process.env.AWSCACHE_TEST_REGIONS ?? 20)

const SH_REGION_READER = `for f in "$@"; do
  export AWS_PROFILE=prod AWS_DEFAULT_PROFILE=prod AWSCACHE_PROFILE=old
  unset AWS_REGION AWS_DEFAULT_REGION
  eval "$(cat "$f")"
  printf '%s\\0' ${REGION_READ.map(n => `"\${${n}-<unset>}"`).join(' ')}
done`

const FISH_REGION_READER = `for f in $argv
  set -gx AWS_PROFILE prod; set -gx AWS_DEFAULT_PROFILE prod; set -gx AWSCACHE_PROFILE old
  set -e AWS_REGION; set -e AWS_DEFAULT_REGION
  cat $f | source
  for n in ${REGION_READ.join(' ')}
    if set -q $n; printf '%s\\0' "$$n"; else; printf '<unset>\\0'; end
  end
end`

const REGION_SHELLS = [
  { label: 'bash', command: 'bash', args: (f: string[]) => ['-c', SH_REGION_READER, 'bash', ...f], format: 'sh' },
  { label: 'zsh', command: 'zsh', args: (f: string[]) => ['-f', '-c', SH_REGION_READER, 'zsh', ...f], format: 'sh' },
  { label: 'dash', command: 'dash', args: (f: string[]) => ['-c', SH_REGION_READER, 'dash', ...f], format: 'sh' },
  {
    label: 'fish',
    command: 'fish',
    args: (f: string[]) => ['--no-config', '-c', FISH_REGION_READER, ...f],
    format: 'fish',
  },
] as const

const regionTest = async (t: Test): Promise<void> => {
  const home = join(dir, 'region-home')
  const regionCache = join(home, 'cache')
  mkdirSync(join(home, '.aws'), { recursive: true })
  mkdirSync(regionCache)
  // one line each in a config file: no line breaks, no NUL (refused by every format, tested in env-formats)
  const oneLine = (v: string) => v.replace(/[\r\n\0\v\f\x1c-\x1e\x85\u2028\u2029]/g, ' ')
  const values = [
    ...INJECTIONS,
    ...Array.from({ length: REGION_COUNT }, (_, i) => (i % 2 ? randomAscii(rnd) : randomUnicode(rnd, rnd.int(1, 40)))),
  ].map(oneLine)
  const config = ['[sso-session acme]', 'sso_start_url = https://acme.awsapps.com/start', 'sso_region = us-east-1', '']
  values.forEach((v, i) =>
    config.push(
      `[profile r${i}]`,
      'sso_session = acme',
      'sso_account_id = 111122223333',
      `sso_role_name = Role${i}`,
      `region = ${v}`,
      '',
    ),
  )
  writeFileSync(join(home, '.aws', 'config'), config.join('\n'))
  const parsed = loadAwsConfig({ configFile: join(home, '.aws', 'config'), credentialsFile: join(home, 'none') })
  const profiles = values.map((_, i) => {
    const settings = parsed.profiles.get(`r${i}`)
    if (!settings) throw new Error(`profile r${i} did not parse`)
    const key = { key: ssoCacheKey('111122223333', `Role${i}`, 'acme', 'https://acme.awsapps.com/start') }
    const Credentials = {
      AccessKeyId: `ASIA${i}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: EXPIRATION,
    }
    writeFileSync(join(regionCache, `${key.key}.json`), JSON.stringify({ Credentials }), { mode: 0o600 })
    // the region as the AWS CLI reads the line; an empty one is no region
    return { name: `r${i}`, region: settings.region || undefined }
  })
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWSCACHE_CACHE_DIR: regionCache,
    AWS_PROFILE: 'prod',
  }
  const formats = ['sh', 'fish', 'powershell', 'dotenv'] as const
  const jobs = profiles.flatMap(p => formats.map(format => ({ p, format })))
  const done = await inPool(jobs, 1, async ({ p, format }, i) => {
    const result = await exportText(['env', p.name, '--format', format], env)
    const file = join(outDir, `region-${i}.${format}`)
    writeFileSync(file, result.stdout)
    return { p, format, result, file }
  })
  await t.test('the built bin exports exactly what main() does here (a sample)', t =>
    checkAgainstBin(
      t,
      done.map(x => ({ args: ['env', x.p.name, '--format', x.format], result: x.result })),
      env,
    ),
  )
  const want = (region: string | undefined) => [
    region ?? '<unset>',
    region ?? '<unset>',
    '<unset>',
    '<unset>',
    '<unset>',
  ]

  await t.test(
    'a region from the config file: exported, AWS_PROFILE named on stderr (sh, fish, powershell)',
    async t => {
      for (const x of done) {
        t.equal(x.result.code, 0, `${x.format} ${x.p.name}: exported`)
        const said =
          x.format === 'dotenv'
            ? ''
            : "awscache: this also unsets AWS_PROFILE=prod, so that no tool picks a profile over the session's keys\n"
        t.equal(x.result.stderr, said, `${x.format} ${x.p.name}: stderr`)
      }
    },
  )

  for (const shell of REGION_SHELLS) {
    await t.test(
      `${shell.label}: the region exactly, AWS_PROFILE, AWS_DEFAULT_PROFILE and stale markers gone`,
      { skip: !hasCommand(shell.command) && missingReason(shell.command) },
      async t => {
        const xs = done.filter(x => x.format === shell.format)
        const r = await runChild(shell.command, shell.args(xs.map(x => x.file)), {
          env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
          timeoutMs: TIMEOUT_MS,
        })
        t.equal(r.stderr, '', `${shell.label} said nothing on stderr`)
        const got = r.stdout.split('\0')
        t.equal(
          got.length,
          xs.length * REGION_READ.length + 1,
          `${shell.label} printed ${REGION_READ.length} values per profile`,
        )
        xs.forEach((x, i) =>
          t.same(got.slice(i * 5, i * 5 + 5), want(x.p.region), `${shell.label} ${x.p.name} (${replay})`),
        )
        const ran = existsSync(CANARY)
        anyRan ||= ran
        rmSync(CANARY, { force: true })
        t.notOk(ran, `${shell.label} ran nothing (${replay})`)
      },
    )
  }

  await t.test('the region in dotenv (docker) and in the PowerShell model', async t => {
    for (const x of done.filter(x => x.format === 'dotenv')) {
      const vars = parseDockerEnvFile(x.result.stdout)
      t.same([vars.get('AWS_REGION'), vars.get('AWS_DEFAULT_REGION')], [x.p.region, x.p.region], `dotenv ${x.p.name}`)
    }
    for (const x of done.filter(x => x.format === 'powershell')) {
      const vars = parsePowershellModel(`$Env:AWS_PROFILE = 'prod'\n$Env:AWSCACHE_PROFILE = 'old'\n${x.result.stdout}`)
      t.same(
        REGION_READ.map(n => vars.get(n) ?? '<unset>'),
        want(x.p.region),
        `powershell model ${x.p.name}`,
      )
    }
  })
}

if (!existsSync(BIN)) t.fail(`${BIN} is missing: run npm run build first (npm test does)`)
else await main()
