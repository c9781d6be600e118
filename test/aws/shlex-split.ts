import t from 'tap'
import { ShlexError, shlexSplit } from '../../lib/aws/shlex-split.js'

t.test('splits like Python shlex.split', async t => {
  t.same(shlexSplit('profile dev'), ['profile', 'dev'])
  t.same(shlexSplit('  profile \t dev  '), ['profile', 'dev'])
  t.same(shlexSplit('profile "two words"'), ['profile', 'two words'])
  t.same(shlexSplit("profile 'it''s'"), ['profile', 'its'])
  t.same(shlexSplit('profile a\\ b'), ['profile', 'a b'])
  t.same(shlexSplit('profile "a\\"b\\\\c\\d"'), ['profile', 'a"b\\c\\d'])
  t.same(shlexSplit("profile ''"), ['profile', ''])
  t.same(shlexSplit('profile #x'), ['profile', '#x'])
  t.same(shlexSplit('profile a"b c"d'), ['profile', 'ab cd'])
  t.same(shlexSplit(''), [])
  // only space, tab, CR and LF separate words (printed by Python 3.11)
  t.same(shlexSplit('\n\rprofile\r\ndev\t'), ['profile', 'dev'])
  t.same(shlexSplit('a\x0bb\x0cc\xa0d'), ['a\x0bb\x0cc\xa0d'])
  t.same(shlexSplit('   '), [])
})

t.test('refuses what Python refuses', async t => {
  t.throws(() => shlexSplit('profile "open'), ShlexError)
  t.throws(() => shlexSplit("profile 'open"), ShlexError)
  t.throws(() => shlexSplit('profile end\\'), ShlexError)
})
