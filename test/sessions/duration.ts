import t from 'tap'
import { parseDuration } from '../../lib/sessions/duration.js'

t.test('durations', async t => {
  t.equal(parseDuration('90s'), 90)
  t.equal(parseDuration('15m'), 900)
  t.equal(parseDuration('1h'), 3600)
  t.equal(parseDuration('1h30m'), 5400)
  t.equal(parseDuration('2d'), 172800)
  t.equal(parseDuration('0'), 0, 'the default of --min-remaining')
  for (const bad of ['', '15', 'm', '1.5h', '-1h', '1 h', '1H', '1w']) t.equal(parseDuration(bad), undefined, bad)
})
