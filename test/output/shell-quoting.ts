import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { quoteFish, quotePowershell, quoteSh } from '../../lib/output/quote.js'
import { hasCommand, missingReason, run } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'

// Each value, quoted for a shell and evaluated by that shell, must come back
// byte for byte, and nothing in it may run.
const dir = tempFolder('awscache-quote-')
const canary = join(dir, 'CANARY')
const control = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('') + '\x7f'

const VALUES = [
  "it's",
  '"double"',
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `'; touch ${canary}; '`,
  `\\'; touch ${canary}; echo \\'`,
  'back\\slash\\',
  '\\',
  '!!',
  '!$ !-1',
  '%s %d %%',
  'new\nline\n',
  '\n',
  'tab\there',
  'non-ASCII: é ü ñ 日本 😀',
  control,
  '$HOME ${HOME} $((1+1))',
  '* ? [a] ~ ~root',
  "'\\''",
  '\u2018\u2019\u201a\u201b',
  '',
  ' leading and trailing ',
  'a'.repeat(5000),
]

// Prints each variable with a NUL after it, so that newlines survive.
const check = (t: Test, shell: string, args: string[], script: string) => {
  const r = run(shell, args, script)
  t.equal(r.status, 0, `${shell} exited 0 (${r.stderr.trim()})`)
  t.same(r.stdout.split('\0').slice(0, -1), VALUES, `${shell} read back every value exactly`)
  t.notOk(existsSync(canary), `${shell} ran nothing`)
}

for (const shell of ['bash', 'zsh', 'dash']) {
  t.test(`sh quoting in ${shell}`, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
    const script = VALUES.map(v => `V=${quoteSh(v)}\nprintf '%s\\0' "$V"\n`).join('')
    check(t, shell, ['-s'], script)
    // the same through eval, as eval "$(awscache env …)" does
    check(t, shell, ['-c', 'eval "$(cat)"'], script)
  })
}

t.test('fish quoting', { skip: !hasCommand('fish') && missingReason('fish') }, async t => {
  const script = VALUES.map(v => `set V ${quoteFish(v)}\nprintf '%s\\0' "$V"\n`).join('')
  check(t, 'fish', ['--no-config', '-c', 'cat | source'], script)
})

t.test(
  'PowerShell quoting',
  {
    skip:
      !hasCommand('pwsh') &&
      "pwsh (PowerShell) is not installed: this check did NOT run (it is not in Debian's archive)",
  },
  async t => {
    const script = VALUES.map(v => `$V = ${quotePowershell(v)}\n[Console]::Out.Write($V + [char]0)\n`).join('')
    check(t, 'pwsh', ['-NoProfile', '-NonInteractive', '-Command', '-'], script)
  },
)
