import t from 'tap'
import { splitExec } from '../cli/exec-args.js'

t.test('everything after the profile belongs to the command', async t => {
  t.same(splitExec(['exec', 'dev', 'terraform', 'plan', '-out', 'x']), { ours: ['exec', 'dev'], command: ['terraform', 'plan', '-out', 'x'] })
  t.same(splitExec(['exec', 'dev', '--', 'ls', '--help']), { ours: ['exec', 'dev'], command: ['ls', '--help'] })
  t.same(splitExec(['exec', '--refresh', 'dev', 'ls']), { ours: ['exec', '--refresh', 'dev'], command: ['ls'] })
  t.same(splitExec(['--cache-dir', '/c', 'exec', '--min-remaining', '1h', 'dev', 'x', '--', 'y']), {
    ours: ['--cache-dir', '/c', 'exec', '--min-remaining', '1h', 'dev'],
    command: ['x', '--', 'y'],
  })
  t.same(splitExec(['exec', '--', 'dev', 'ls']), { ours: ['exec', 'dev'], command: ['ls'] })
  t.same(splitExec(['exec', 'dev']), { ours: ['exec', 'dev'], command: [] })
  t.same(splitExec(['exec']), { ours: ['exec'], command: [] })
})

t.test('other command lines are left to yargs', async t => {
  t.equal(splitExec(['env', 'exec']), undefined)
  t.equal(splitExec(['--cache-dir', 'exec', 'list']), undefined)
  t.equal(splitExec([]), undefined)
  t.equal(splitExec(['--', 'exec', 'dev', 'ls']), undefined)
})
