// awscache-prompt's separator and its last minute, in the real shells: the
// integration is sourced from its file (no awscache, no node: quick), and the
// prompt is expanded as the shell expands its own (bash's ${PS1@P}, zsh's
// prompt_subst, fish's fish_prompt).
import { join } from 'node:path'
import t from 'tap'
import { hasCommand, missingReason, run } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'

const INTEGRATION = new URL('../../shell-integration/', import.meta.url).pathname
const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

// a HOME of its own: no rc file of this machine's gets a say
const HOME = tempFolder('awscache-prompt-home-')
const ENV = { PATH: '/usr/bin:/bin', HOME, LANG: 'C.UTF-8', TERM: 'dumb' }

const sourced = (shell: Shell, script: string, env: Record<string, string> = {}) => {
  const file = join(INTEGRATION, `awscache.${shell}`)
  const args =
    shell === 'fish' ? ['--no-config', '-c', `source '${file}'\n${script}`] : ['-c', `. '${file}'\n${script}`]
  return run(shell, args, '', { ...ENV, ...env })
}

const values = (stdout: string) => stdout.split('\0').slice(0, -1)

// awscache-prompt's output for each case: [AWSCACHE_PROFILE or undefined (unset), seconds left, separator or undefined (none)]
type Case = [profile: string | undefined, left: number, separator: string | undefined]
const prompts = (shell: Shell, cases: Case[]) => {
  const now = Math.floor(Date.now() / 1000)
  const env: Record<string, string> = {}
  const lines = cases.map(([profile, left, separator], i) => {
    env[`E${i}`] = String(now + left)
    if (profile !== undefined) env[`P${i}`] = profile
    if (separator !== undefined) env[`S${i}`] = separator
    const arg = separator === undefined ? '' : ` "$S${i}"`
    if (shell === 'fish') {
      const set = profile === undefined ? 'set -e AWSCACHE_PROFILE' : `set -gx AWSCACHE_PROFILE "$P${i}"`
      return `${set}; set -gx AWSCACHE_EXPIRES "$E${i}"; awscache-prompt${arg}; printf '\\0'`
    }
    const set = profile === undefined ? 'unset AWSCACHE_PROFILE' : `AWSCACHE_PROFILE="$P${i}"`
    return `${set}; AWSCACHE_EXPIRES="$E${i}"; awscache-prompt${arg}; printf '\\0'`
  })
  const r = sourced(shell, lines.join('\n'), env)
  return { outputs: values(r.stdout), stderr: r.stderr, status: r.status }
}

for (const shell of SHELLS) {
  t.test(`${shell}: awscache-prompt`, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
    t.test('the separator comes after the text, and only with it', async t => {
      const r = prompts(shell, [
        ['dev', 3 * 3600 + 12 * 60 + 30, ' '],
        ['dev', 3 * 3600 + 12 * 60 + 30, undefined],
        ['dev', -10, ' | '],
        [undefined, 3600, ' '],
        ['', 3600, ' '],
        ['dev', 3600 + 30, ''],
        // printed as given: no format, no expansion, no escape read in it
        ['dev', 5 * 60 + 30, '%s %d \\n $HOME `x` '],
        ['dev', 0, ' '],
      ])
      t.equal(r.stderr, '')
      t.equal(r.status, 0)
      t.same(r.outputs.slice(0, 7), [
        'dev 3h12m ',
        'dev 3h12m',
        'dev expired | ',
        '',
        '',
        'dev 1h0m',
        'dev 5m%s %d \\n $HOME `x` ',
      ])
      t.equal(r.outputs[7], 'dev expired ', 'now: expired')
    })

    t.test('the last minute is "<1m", not "0m"', async t => {
      const r = prompts(shell, [
        ['dev', 30, undefined],
        ['dev', 30, ' '],
        ['dev', 90, undefined],
        ['dev', 5 * 60 + 30, undefined],
      ])
      t.equal(r.stderr, '')
      t.same(r.outputs, ['dev <1m', 'dev <1m ', 'dev 1m', 'dev 5m'])
    })

    t.test('a marker that is no time prints nothing, separator neither', async t => {
      const file = join(INTEGRATION, `awscache.${shell}`)
      const script =
        shell === 'fish'
          ? `source '${file}'; set -gx AWSCACHE_PROFILE dev; set -gx AWSCACHE_EXPIRES abc; awscache-prompt ' '; printf '\\0'`
          : `. '${file}'; AWSCACHE_PROFILE=dev; AWSCACHE_EXPIRES=abc; awscache-prompt ' '; printf '\\0'`
      const r = run(shell, shell === 'fish' ? ['--no-config', '-c', script] : ['-c', script], '', ENV)
      t.same([r.stdout, r.stderr], ['\0', ''])
    })

    t.test('in the prompt as the README sets it: no leading space without a session', async t => {
      const expires = String(Math.floor(Date.now() / 1000) + 2 * 3600 + 5 * 60 + 30)
      const script = {
        // the prompt as bash expands it; set -u as a strict rc file has it
        bash: `set -u; PS1='$(awscache-prompt " ")\\$ '
AWSCACHE_PROFILE=dev; AWSCACHE_EXPIRES=${expires}; printf '%s\\0' "\${PS1@P}"
unset AWSCACHE_PROFILE AWSCACHE_EXPIRES; printf '%s\\0' "\${PS1@P}"`,
        // prompt_subst: substitutions, then prompt escapes (%# is "%" for a user, "#" for root)
        zsh: `setopt prompt_subst nounset; PROMPT='$(awscache-prompt " ")%# '
AWSCACHE_PROFILE=dev; AWSCACHE_EXPIRES=${expires}; print -rn -- "\${(%)\${(e)PROMPT}}"; printf '\\0'
unset AWSCACHE_PROFILE AWSCACHE_EXPIRES; print -rn -- "\${(%)\${(e)PROMPT}}"; printf '\\0'`,
        fish: `function fish_prompt; awscache-prompt ' '; printf '> '; end
set -gx AWSCACHE_PROFILE dev; set -gx AWSCACHE_EXPIRES ${expires}; fish_prompt; printf '\\0'
set -e AWSCACHE_PROFILE AWSCACHE_EXPIRES; fish_prompt; printf '\\0'`,
      }[shell]
      const r = sourced(shell, script)
      t.equal(r.stderr, '')
      // bash's \$ and zsh's %# say # for root
      const root = process.getuid?.() === 0
      const end = shell === 'fish' ? '> ' : root ? '# ' : shell === 'bash' ? '$ ' : '% '
      t.same(values(r.stdout), [`dev 2h5m ${end}`, end])
    })
  })
}
