import t from 'tap'
import { parseIni } from '../../lib/aws/config-parser.js'
import { pyRstrip, pyStrip } from '../../lib/aws/py-strip.js'

// Expected values below were checked against Python 3.11's configparser.RawConfigParser.
const sections = (text: string) => Object.fromEntries([...parseIni(text).sections].map(([k, v]) => [k, { ...v }]))
const problems = (text: string) => parseIni(text).problems

t.test('values are taken as written: no inline comments, quotes kept', async t => {
  t.same(sections('[profile a]\nrole_arn = x #not comment ; nor this\n'), {
    'profile a': { role_arn: 'x #not comment ; nor this' },
  })
  t.same(sections("[profile a]\nKey: 'quoted' \n"), { 'profile a': { key: "'quoted'" } })
  t.same(sections('[a]\nx = a = b : c\n'), { a: { x: 'a = b : c' } })
  t.same(sections('[a]\nx =   \n'), { a: { x: '' } })
})

t.test('option names are lower-cased, section names are not', async t => {
  t.same(sections('[Profile A]\nROLE_ARN=x\n'), { 'Profile A': { role_arn: 'x' } })
})

t.test('dotted section names are names, not nesting', async t => {
  t.same(sections('[profile a.b]\nx=1\n'), { 'profile a.b': { x: '1' } })
})

t.test('indented lines continue a value; blank lines inside kept, comments dropped', async t => {
  t.same(sections('[profile a]\ns3 =\n  max = 10\n\n  other = 2\n# c\nnext=1\n'), {
    'profile a': { s3: '\nmax = 10\n\nother = 2', next: '1' },
  })
  t.same(sections('[a]\nx=1\n    \n  ; comment\n  more\n'), { a: { x: '1\n\nmore' } })
  t.same(sections('[a]\n  x = 1\n  y = 2\n'), { a: { x: '1', y: '2' } })
})

t.test('section headers: greedy up to the last ], trailing text ignored', async t => {
  t.same(sections('[profile a] trailing\nx=1\n'), { 'profile a': { x: '1' } })
  t.same(sections('[a]b]\nx=1\n'), { 'a]b': { x: '1' } })
})

t.test('[DEFAULT] options are inherited by every section', async t => {
  t.same(sections('[DEFAULT]\nregion=eu\n[profile a]\nx=1\n[b]\nregion=us\n'), {
    'profile a': { region: 'eu', x: '1' },
    b: { region: 'us' },
  })
  t.same(sections('[default]\nregion=eu\n'), { default: { region: 'eu' } })
})

t.test('line ends: LF, CRLF and lone CR (universal newlines)', async t => {
  t.same(sections('[a]\r\nx = 1\r\n'), { a: { x: '1' } })
  t.same(sections('[a]\rx=1\r'), { a: { x: '1' } })
})

t.test('what the AWS CLI refuses is reported, and the rest still read', async t => {
  t.match(problems('x=1\n[a]\ny=2\n'), [/before the first \[section\]/])
  t.same(sections('x=1\n[a]\ny=2\n'), { a: { y: '2' } })

  t.match(problems('[a]\nx=1\n[a]\ny=2\n'), [/section \[a\] appears twice/])
  t.same(sections('[a]\nx=1\n[a]\ny=2\n'), { a: { x: '1', y: '2' } })

  t.match(problems('[a]\nx=1\nX=2\n'), [/option "x" appears twice/])
  t.same(sections('[a]\nx=1\nX=2\n'), { a: { x: '2' } })

  t.match(problems('\ufeff[a]\nx=1\n'), [/byte-order mark/])
  t.same(sections('\ufeff[a]\nx=1\n'), { a: { x: '1' } })

  // configparser keeps the option open after a bad line
  t.match(problems('[a]\nx=1\ngarbage\n  cont\n'), [/not a "name = value" line/])
  t.same(sections('[a]\nx=1\ngarbage\n  cont\n'), { a: { x: '1\ncont' } })

  t.match(problems('[a]\n= nameless\n'), [/without a name/])
  t.same(problems('[a]\nx=1\n'), [])
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
