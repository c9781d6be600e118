// Unit tests for what the hostile-input work changed in lib/: each test names
// the input that used to go wrong.
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { maskedValue } from '../lib/aws-variables.js'
import { parseIni } from '../lib/config-parser.js'
import { readEntry } from '../lib/entry.js'
import { formatEnv } from '../lib/env-formats.js'
import { parseExpiration } from '../lib/expiration.js'
import { isPySpace, pyRstrip, pyStrip } from '../lib/py-strip.js'
import { dotenvValue, quoteFish, quotePowershell, quoteSh, sqlLiteral, sqlLiteralBackslash } from '../lib/quote.js'
import { removeSessions } from '../lib/remove-sessions.js'
import { findSession } from '../lib/sessions.js'
import { sessionRecord } from '../lib/session-record.js'
import { awsPaths } from '../lib/paths.js'
import { formatSql } from '../lib/sql-dialects.js'
import { tempFolder } from './helpers/temp.js'

const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret',
  sessionToken: 'token',
  expiration: Date.UTC(2099, 0, 1),
}

t.test('a lone UTF-16 surrogate (JSON "\\ud800") is refused by every text format, carried by json', async t => {
  // written as UTF-8 it would come out as U+FFFD: another value than the cached one
  for (const lone of ['a\ud800b', '\udc00', 'x\ud83d', '\ude00x']) {
    for (const q of [quoteSh, quoteFish, quotePowershell, dotenvValue, sqlLiteral, sqlLiteralBackslash]) {
      t.throws(() => q(lone), { name: 'AwscacheError', exitCode: 1, message: /lone UTF-16 surrogate/ }, `${q.name} ${JSON.stringify(lone)}`)
    }
    const c = { ...credentials, sessionToken: lone }
    t.throws(() => formatSql('duckdb', { credentials: c, name: 'p', region: undefined }), { name: 'AwscacheError', exitCode: 1 })
    t.equal((JSON.parse(formatEnv('json', c)) as { SessionToken: string }).SessionToken, lone, 'json: exactly')
  }
  // a proper pair is a character like any other
  t.equal(quoteSh('\ud83d\ude00'), "'\ud83d\ude00'")
  t.equal(dotenvValue('\ud83d\ude00'), '\ud83d\ude00')
})

t.test('Expiration edge cases', async t => {
  const last = Date.UTC(2026, 11, 31, 23, 59, 59)
  t.equal(parseExpiration('2026-12-31T23:59:59.9996Z'), last + 999, 'fractions truncate: no roll-over into the next day')
  t.equal(parseExpiration('2026-11-26T11:29:21.123456789+00:00'), Date.UTC(2026, 10, 26, 11, 29, 21, 123))
  t.equal(new Date(parseExpiration('0050-01-01T00:00:00Z') as number).getUTCFullYear(), 50, 'year 50 is not 1950')
  t.equal(parseExpiration('9999-12-31T23:59:59Z'), Date.UTC(9999, 11, 31, 23, 59, 59))
  for (const bad of ['2026-11-26T11:60:00Z', '2026-11-26T11:30:60Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2026-11-00T00:00:00Z']) {
    t.equal(parseExpiration(bad), undefined, bad)
  }
})

t.test('unset --all: a variable that sounds secret is masked, paths and ids are shown', async t => {
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_BEARER_TOKEN_BEDROCK', 'AWS_SECRET_ACCESS_KEY_OLD', 'AWS_DB_PASSWORD', 'AWS_MY_CREDENTIALS']) {
    t.equal(maskedValue(name, 'hunter2'), '(hidden, 7 characters)', name)
  }
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_REGION', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE']) {
    t.equal(maskedValue(name, 'shown'), 'shown', name)
  }
})

t.test('config: a secret pasted on a line of its own is never echoed in a warning', async t => {
  // base64 ending in "=" parses as an option named after the secret; twice, it is a duplicate
  const token = 'IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexample='
  const { problems } = parseIni(`[default]\n${token}\n${token}\n`)
  t.equal(problems.length, 1)
  t.match(problems[0], /option \(name not shown\) appears twice/)
  t.notOk((problems[0] as string).toLowerCase().includes(token.slice(0, 20).toLowerCase()))
  // an ordinary option name is still named
  t.match(parseIni('[a]\nregion=x\nregion=y\n').problems, [/option "region" appears twice/])
})

t.test('config: white space as Python sees it around names and values', async t => {
  // \x1c-\x1f and \x85 are white space to Python, U+FEFF is not
  const sections = parseIni('[a]\nk\x1c\x85 =\u00a0v\x1f\nf = \ufeffv\ufeff\n').sections
  t.same({ ...sections.get('a') }, { k: 'v', f: '\ufeffv\ufeff' })
  t.equal(pyStrip('\x1c\u3000 x \x85'), 'x')
  t.equal(pyRstrip('\ufeff'), '\ufeff')
  t.equal(pyStrip(' '.repeat(1000) + 'x' + ' '.repeat(1000) + 'y'), 'x' + ' '.repeat(1000) + 'y')
})

t.test('white space is exactly what Python 3.11 str.isspace() says, for every UTF-16 unit', async t => {
  // printed by python3 -c "print([hex(c) for c in range(0x110000) if chr(c).isspace()])"
  const python = [0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
    0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]
  const ours: number[] = []
  for (let c = 0; c <= 0xffff; c++) if (isPySpace(String.fromCharCode(c), 0)) ours.push(c)
  t.same(ours, python)
})

t.test('config: millions of problems are counted, not all kept', async t => {
  const { problems, problemCount } = parseIni('[a]\n' + 'k=v\n'.repeat(200_000))
  t.equal(problemCount, 199_999, 'every repeated option counted')
  t.equal(problems.length, 10, 'only the first few kept (only the first is ever shown)')
  t.match(problems[0], /^line 3: option "k" appears twice in \[a\]$/)
})

t.test('config: long runs of white space are read in linear time', async t => {
  // these took minutes (quadratic regular expressions); the tap timeout is the only clock here
  const run = ' \t'.repeat(500_000)
  const { sections } = parseIni(`[a]\nk = a${run}b\nx${run}y\n[b${run}\n`)
  t.equal(sections.get('a')?.k, `a${run}b`)
})

t.test('a dry run leaves alone what the real run would leave alone (a FIFO named *.json)', async t => {
  const dir = tempFolder('awscache-dry-')
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const fifo = join(dir, 'fifo.json')
  execFileSync('mkfifo', [fifo])
  const plain = join(dir, 'plain.json')
  writeFileSync(plain, 'not json')
  const sessions = [fifo, plain].map(file => {
    const entry = readEntry(file)
    if (!entry) throw new Error(`${file} vanished`)
    return { entry, record: sessionRecord(entry, [], undefined, Date.now()) }
  })
  const kinds = removeSessions(sessions, { dryRun: true, guard: true }).map(r => r.result.kind)
  t.same(kinds, ['refused', 'would-remove'])
})

t.test('an empty cache folder name never means the current folder (whose *.json clear would remove)', async t => {
  const home = '/home/someone'
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '' }, home }).cacheDir, '/home/someone/.aws/cli/cache', 'empty variable: unset')
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '  ' }, home }).cacheDir, '/home/someone/.aws/cli/cache')
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '/c' }, home }).cacheDir, '/c')
  t.throws(() => awsPaths({ env: {}, home, cacheDir: '' }), { name: 'AwscacheError', exitCode: 2, message: /--cache-dir is empty/ })
  t.equal(awsPaths({ env: { AWSCACHE_CACHE_DIR: '/c' }, home, cacheDir: '/d' }).cacheDir, '/d', '--cache-dir wins')
})

t.test('env/sql: a failure keeps the config warnings that may explain it', async t => {
  const dir = tempFolder('awscache-warn-')
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  // the config file is a folder: no profile can be found, and the warning says why
  const paths = { cacheDir: join(dir, 'cache'), configFile: dir, credentialsFile: join(dir, 'credentials') }
  t.throws(() => findSession('readonly', { paths, env: {}, now: Date.now() }), {
    name: 'AwscacheError',
    exitCode: 3,
    hints: [/^warning: config file .*: is a folder; read as empty$/],
  })
})
