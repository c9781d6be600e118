import { existsSync } from 'node:fs'
import t from 'tap'
import { hasCommand } from '../helpers/shells.js'

// Elsewhere a missing tool only skips its tests (loudly); in CI it must be there,
// so that no test is ever skipped where it counts.
const TOOLS = ['bash', 'zsh', 'dash', 'fish', 'openssl', 'tmux', 'shellcheck', 'python3']

t.test('CI has every tool the tests drive', { skip: !process.env.CI && 'not in CI (CI=true)' }, async t => {
  for (const tool of TOOLS) t.ok(hasCommand(tool), `${tool} is installed`)
  t.ok(existsSync('/usr/bin/aws') || !!process.env.AWSCACHE_TEST_AWS, 'the AWS CLI v2 is installed at /usr/bin/aws')
})
