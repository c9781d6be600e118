import t from 'tap'
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { awscache, cacheDirOf, fixtureHome } from '../helpers/home.js'
import { pathWithAwscache } from '../helpers/path-bin.js'
import { hasCommand, missingReason } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'
import { Terminal } from '../helpers/tmux.js'

// Interactive shells in a real terminal: the Y/N question answered by typing,
// completion by pressing Tab.
const home = fixtureHome('aws-cli-v2-home')
const env = { PATH: pathWithAwscache(), HOME: home, TERM: 'xterm', LANG: 'C.UTF-8' }
const noTmux = !hasCommand('tmux') && missingReason('tmux')

// what `awscache init <shell>` prints, rendered once per shell by the built bin and sourced by
// the terminals (a node start in each would only slow them); bash --posix below loads it the
// user's way, with eval
const rendered = tempFolder('awscache-init-')
const LOAD: Record<'bash' | 'zsh' | 'fish', string> = { bash: '', zsh: '', fish: '' }
for (const shell of ['bash', 'zsh', 'fish'] as const) {
  const r = awscache(home, ['init', shell])
  if (r.status !== 0) throw new Error(`awscache init ${shell}: ${r.stderr}`)
  LOAD[shell] = join(rendered, `awscache.${shell}`)
  writeFileSync(LOAD[shell], r.stdout)
}

t.test(
  'bash: awscache-clear asks, and a "y" unsets',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --norc --noprofile -i', { ...env, PS1: '$ ' })
    t.teardown(() => term.close())
    term.type(`. '${LOAD.bash}'; export AWS_ACCESS_KEY_ID=ASIAX AWS_SECRET_ACCESS_KEY=TOP-SECRET-VALUE`)
    term.press('Enter')
    term.type('awscache-clear')
    term.press('Enter')
    const question = await term.waitFor(/Unset them\? \[y\/N\]\s*$/m)
    t.match(question, /AWS_ACCESS_KEY_ID\s+ASIAX/)
    t.match(question, /AWS_SECRET_ACCESS_KEY\s+\(hidden, 16 characters\)/)
    // the secret was typed on the command line above; awscache's own listing must not show it
    t.notMatch(question.slice(question.indexOf('AWS variables to unset')), /TOP-SECRET-VALUE/)
    term.type('y')
    term.press('Enter')
    await term.waitFor(/awscache-clear: unset/)
    term.type(`echo "[\${AWS_ACCESS_KEY_ID-gone}] [\${AWS_SECRET_ACCESS_KEY-gone}]"`)
    term.press('Enter')
    t.match(await term.waitFor(/^\[gone\] \[gone\]$/m), /\[gone\] \[gone\]/)
  },
)

t.test(
  'list in a terminal: colour, unless piped, --no-color or NO_COLOR',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --norc --noprofile -i', { ...env, PS1: '$ ' })
    t.teardown(() => term.close())
    // an expired session: list --all shows it, in red on a terminal
    const expiredHome = fixtureHome('aws-cli-v2-home')
    const cache = cacheDirOf(expiredHome)
    for (const name of readdirSync(cache)) {
      const entry = JSON.parse(readFileSync(join(cache, name), 'utf8'))
      entry.Credentials.Expiration = '2020-01-01T00:00:00Z'
      writeFileSync(join(cache, name), JSON.stringify(entry))
    }
    term.type(`export HOME='${expiredHome}'`)
    term.press('Enter')
    const run = async (command: string, marker: string): Promise<string> => {
      term.type(`clear; ${command}; echo ${marker}`)
      term.press('Enter')
      await term.waitFor(new RegExp(`^${marker}$`, 'm'))
      return term.screen(true)
    }
    const colored = await run('awscache list --all', 'DONE-1')
    t.match(colored, /\x1b\[31mreadonly [^\n]* expired\n/, 'expired rows in red')
    t.notMatch(await run('awscache list --all | cat', 'DONE-2'), /\x1b\[31m/, 'no colour into a pipe')
    t.notMatch(await run('awscache list --all --no-color', 'DONE-3'), /\x1b\[31m/, 'no colour with --no-color')
    t.notMatch(await run('NO_COLOR=1 awscache list --all', 'DONE-4'), /\x1b\[31m/, 'no colour with NO_COLOR')
    t.notMatch(await run('TERM=dumb awscache list --all', 'DONE-5'), /\x1b\[31m/, 'no colour on a dumb terminal')
  },
)

t.test(
  'bash: answering "n" unsets nothing',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --norc --noprofile -i', { ...env, PS1: '$ ' })
    t.teardown(() => term.close())
    term.type(`. '${LOAD.bash}'; export AWS_PROFILE=dev`)
    term.press('Enter')
    term.type('awscache-clear')
    term.press('Enter')
    await term.waitFor(/Unset them\? \[y\/N\]\s*$/m)
    term.type('n')
    term.press('Enter')
    await term.waitFor(/awscache: nothing unset/)
    term.type('echo "[$AWS_PROFILE]"')
    term.press('Enter')
    t.match(await term.waitFor(/^\[dev\]$/m), /\[dev\]/)
  },
)

t.test(
  'bash: Tab completes a profile name',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --norc --noprofile -i', { ...env, PS1: '$ ' })
    t.teardown(() => term.close())
    term.type(`. '${LOAD.bash}'`)
    term.press('Enter')
    term.type('awscache-use some')
    term.press('Tab')
    t.match(await term.waitFor(/awscache-use some-role-requiring-mfa/), /some-role-requiring-mfa/)
  },
)

t.test(
  'zsh: Tab completes a profile name, the prompt shows the session',
  { skip: noTmux || (!hasCommand('zsh') && missingReason('zsh')) },
  async t => {
    const term = new Terminal('zsh -f -i', { ...env, PS1: '%% ' })
    t.teardown(() => term.close())
    term.type(
      `autoload -Uz compinit && compinit -u; . '${LOAD.zsh}'; setopt prompt_subst; PROMPT='[$(awscache-prompt)] %% '`,
    )
    term.press('Enter')
    await term.waitFor(/^\[\] %\s*$/m)
    term.type('awscache-use some')
    term.press('Tab')
    await term.waitFor(/awscache-use some-role-requiring-mfa/)
    term.press('Enter')
    t.match(await term.waitFor(/^\[some-role-requiring-mfa \d+m\] %\s*$/m), /some-role-requiring-mfa \d+m/)
  },
)

t.test(
  'fish: awscache-clear asks, and a "y" unsets',
  { skip: noTmux || (!hasCommand('fish') && missingReason('fish')) },
  async t => {
    const term = new Terminal('fish --no-config', env)
    t.teardown(() => term.close())
    term.type(`source '${LOAD.fish}'; set -gx AWS_PROFILE dev`)
    term.press('Enter')
    term.type('awscache-clear')
    term.press('Enter')
    await term.waitFor(/Unset them\? \[y\/N\]/)
    term.type('y')
    term.press('Enter')
    await term.waitFor(/awscache-clear: unset/)
    term.type('set -q AWS_PROFILE; and echo still-set; or echo "is-gone"')
    term.press('Enter')
    t.match(await term.waitFor(/^is-gone$/m), /is-gone/)
  },
)

// profiles whose names bash splits at ':' (COMP_WORDBREAKS), and a folder to complete
const oddHome = fixtureHome('aws-cli-v2-home')
appendFileSync(join(oddHome, '.aws', 'config'), '\n[profile team:dev]\n[profile team:prod]\n')

t.test(
  'bash: Tab completes a name with ":", exec\'s profile after --refresh, and a folder after --cache-dir',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --norc --noprofile -i', { ...env, HOME: oddHome, PS1: '$ ' })
    t.teardown(() => term.close())
    term.type(`. '${LOAD.bash}'`)
    term.press('Enter')
    term.type('awscache-use team:p')
    term.press('Tab')
    await term.waitFor(/awscache-use team:prod\s*$/m)
    term.press('C-u')
    term.type('awscache exec --refresh some')
    term.press('Tab')
    await term.waitFor(/awscache exec --refresh some-role-requiring-mfa\s*$/m)
    term.press('C-u')
    term.type('awscache list --cache-dir /tm')
    term.press('Tab')
    t.match(await term.waitFor(/awscache list --cache-dir \/tmp\/$/m), /--cache-dir \/tmp\//)
  },
)

t.test(
  'bash --posix: the integration loads and completes',
  { skip: noTmux || (!hasCommand('bash') && missingReason('bash')) },
  async t => {
    const term = new Terminal('bash --posix --norc --noprofile -i', { ...env, PS1: '$ ' })
    t.teardown(() => term.close())
    term.type('eval "$(awscache init bash)"; echo "loaded-$(type -t awscache-use)"')
    term.press('Enter')
    await term.waitFor(/^loaded-function$/m)
    term.type('awscache-use some')
    term.press('Tab')
    t.match(await term.waitFor(/awscache-use some-role-requiring-mfa/), /some-role-requiring-mfa/)
  },
)

t.test(
  'zsh: the prompt shows a profile name literally',
  { skip: noTmux || (!hasCommand('zsh') && missingReason('zsh')) },
  async t => {
    const expires = String(Math.floor(Date.now() / 1000) + 3 * 3600 + 30)
    const term = new Terminal('zsh -f -i', {
      ...env,
      PS1: '%% ',
      AWSCACHE_PROFILE: 'pct%F{red}x%f%(?.a.b)',
      AWSCACHE_EXPIRES: expires,
    })
    t.teardown(() => term.close())
    term.type(`. '${LOAD.zsh}'; setopt prompt_subst; PROMPT='[$(awscache-prompt)] %% '`)
    term.press('Enter')
    t.match(await term.waitFor(/^\[pct%F\{red\}x%f%\(\?\.a\.b\) 3h0m\] %\s*$/m), /pct%F\{red\}x%f/)
  },
)

t.test(
  "zsh: Tab completes a folder after --cache-dir, and exec's profile after --refresh",
  { skip: noTmux || (!hasCommand('zsh') && missingReason('zsh')) },
  async t => {
    const term = new Terminal('zsh -f -i', { ...env, PS1: '%% ' })
    t.teardown(() => term.close())
    // extendedglob is off, as zsh starts
    term.type(`autoload -Uz compinit && compinit -u; . '${LOAD.zsh}'; [[ -o extendedglob ]] || echo "no-extendedglob"`)
    term.press('Enter')
    await term.waitFor(/^no-extendedglob$/m)
    term.type('awscache list --cache-dir /tm')
    term.press('Tab')
    await term.waitFor(/awscache list --cache-dir \/tmp\/$/m)
    t.notMatch(term.screen(), /bad pattern/)
    term.press('C-u')
    term.type('awscache exec --refresh some')
    term.press('Tab')
    t.match(await term.waitFor(/awscache exec --refresh some-role-requiring-mfa\s*$/m), /some-role-requiring-mfa/)
    t.notMatch(term.screen(), /bad pattern/)
  },
)
