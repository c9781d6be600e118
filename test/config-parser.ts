import t from 'tap'
import { parseIni } from '../lib/config-parser.js'

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
