import { existsSync } from 'node:fs'
import t from 'tap'
import { hasCommand } from '../helpers/shells.js'

// Elsewhere a missing tool only skips its tests (loudly); in CI it must be there,
// so that no test is ever skipped where it counts.
const TOOLS = ['bash', 'zsh', 'dash', 'fish', 'openssl', 'tmux', 'shellcheck', 'python3']

// what a skip says in the report: what was not checked, why, and how to check it here
const SKIP_REASON =
  'this checks that CI installed every tool the tests drive; it runs only where CI is set (set CI=true to run it here)'

t.test('CI has every tool the tests drive', { skip: !process.env.CI && SKIP_REASON }, async t => {
  for (const tool of TOOLS) t.ok(hasCommand(tool), `${tool} is installed`)
  t.ok(existsSync('/usr/bin/aws') || !!process.env.AWSCACHE_TEST_AWS, 'the AWS CLI v2 is installed at /usr/bin/aws')
})

t.test('the skip reason says what is skipped and how to run it (it said only "not in CI (CI=true)")', async t => {
  t.match(SKIP_REASON, /every tool the tests drive/)
  t.match(SKIP_REASON, /set CI=true to run it/)
})
