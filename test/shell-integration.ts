import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache, cacheDirOf, fixtureHome } from './helpers/home.js'
import { pathWithAwscache } from './helpers/path-bin.js'
import { hasCommand, missingReason, run } from './helpers/shells.js'
import { tempFolder } from './helpers/temp.js'

const MFA = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
const INTEGRATION = new URL('../shell-integration/', import.meta.url).pathname
const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

const home = fixtureHome('aws-cli-v2-home')
const PATH = pathWithAwscache()
const cached = JSON.parse(readFileSync(join(cacheDirOf(home), `${MFA}.json`), 'utf8')).Credentials as Record<string, string>
const baseEnv = { PATH, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb' }

// Runs a script in a non-interactive shell that has loaded the integration, as an rc file would.
const inShell = (shell: Shell, script: string, env: Record<string, string> = {}) => {
  const load = shell === 'fish' ? 'awscache init fish | source' : `eval "$(awscache init ${shell})"`
  const args = shell === 'fish' ? ['--no-config', '-c', `${load}\n${script}`] : ['-c', `${load}\n${script}`]
  return run(shell, args, '', { ...baseEnv, ...env })
}

// prints each variable with a NUL after it; "<unset>" for an unset one
const show = (shell: Shell, names: string[]) =>
  names
    .map(n => (shell === 'fish' ? `if set -q ${n}; printf '%s\\0' "$${n}"; else; printf '<unset>\\0'; end` : `if [ -n "\${${n}+x}" ]; then printf '%s\\0' "$${n}"; else printf '<unset>\\0'; fi`))
    .join('\n')
const values = (stdout: string) => stdout.split('\0').slice(0, -1)

const SESSION = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWSCACHE_PROFILE', 'AWSCACHE_EXPIRES']

for (const shell of SHELLS) {
  t.test(`${shell} integration`, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
    t.test('awscache init prints the bundled file', async t => {
      const r = awscache(home, ['init', shell])
      t.equal(r.status, 0)
      t.equal(r.stdout, readFileSync(join(INTEGRATION, `awscache.${shell}`), 'utf8'))
    })

    t.test('awscache-use sets exactly the cached values and the markers', async t => {
      const r = inShell(shell, `awscache-use some-role-requiring-mfa || exit 9\n${show(shell, SESSION)}`)
      t.equal(r.status, 0, r.stderr)
      const expires = Math.floor(Date.parse(cached.Expiration as string) / 1000)
      t.same(values(r.stdout), [
        cached.AccessKeyId,
        cached.SecretAccessKey,
        cached.SessionToken,
        new Date(expires * 1000).toISOString().replace('.000Z', 'Z'),
        'some-role-requiring-mfa',
        String(expires),
      ])
      t.match(r.stderr, /^awscache: using some-role-requiring-mfa: \d+m left\n$/)
    })

    t.test('a failing awscache-use leaves the shell as it was, with awscache\'s exit code', async t => {
      const before = { AWS_ACCESS_KEY_ID: 'AKIAOLD', AWS_SECRET_ACCESS_KEY: 'old secret', AWSCACHE_PROFILE: 'old' }
      const script = shell === 'fish'
        ? `awscache-use no-such-profile; set -l rc $status\n${show(shell, Object.keys(before))}\nexit $rc`
        : `awscache-use no-such-profile; rc=$?\n${show(shell, Object.keys(before))}\nexit $rc`
      const r = inShell(shell, script, before)
      t.equal(r.status, 3)
      t.same(values(r.stdout), Object.values(before))
      t.match(r.stderr, /no profile or cache entry named "no-such-profile"/)
    })

    t.test('awscache-clear -y unsets exactly the AWS session variables', async t => {
      const configFile = join(home, '.aws', 'config')
      const env = {
        AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SECRET_ACCESS_KEY: 'TOP-SECRET-VALUE', AWS_SESSION_TOKEN: 'TOKEN-VALUE',
        AWS_PROFILE: 'p', AWS_REGION: 'eu-west-1', AWSCACHE_PROFILE: 'p', AWSCACHE_EXPIRES: '1',
        AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: join(home, 'missing'),
        AWS_SOMETHING_ELSE: 'kept without --all', NOT_AWS: 'kept',
      }
      const r = inShell(shell, `awscache-clear -y -m || exit 9\n${show(shell, Object.keys(env))}`, env)
      t.equal(r.status, 0, r.stderr)
      const after = Object.fromEntries(Object.keys(env).map((k, i) => [k, values(r.stdout)[i]]))
      t.same(after, {
        AWS_ACCESS_KEY_ID: '<unset>', AWS_SECRET_ACCESS_KEY: '<unset>', AWS_SESSION_TOKEN: '<unset>',
        AWS_PROFILE: '<unset>', AWS_REGION: '<unset>', AWSCACHE_PROFILE: '<unset>', AWSCACHE_EXPIRES: '<unset>',
        AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: '<unset>',
        AWS_SOMETHING_ELSE: 'kept without --all', NOT_AWS: 'kept',
      })
      t.notMatch(r.stderr, /TOP-SECRET-VALUE|TOKEN-VALUE/, 'secrets masked')
      t.match(r.stderr, /AWS_SECRET_ACCESS_KEY\s+\(hidden, 16 characters\)/)
      t.match(r.stderr, /kept AWS_CONFIG_FILE=.*config: that file exists; to unset it anyway, run: (unset|set -e) AWS_CONFIG_FILE/)
      t.notMatch(r.stderr, /\x1b\[/, '-m: no colour')
    })

    t.test('awscache-clear with no terminal and no -y unsets nothing, and says why', async t => {
      const r = inShell(shell, `awscache-clear; set_rc=$?\n`.replace('set_rc=$?', shell === 'fish' ? 'set -l rc $status' : 'rc=$?') + `${show(shell, ['AWS_ACCESS_KEY_ID'])}\nexit $rc`, { AWS_ACCESS_KEY_ID: 'ASIAX' })
      t.equal(r.status, 1)
      t.same(values(r.stdout), ['ASIAX'])
      t.match(r.stderr, /no terminal to ask on, so nothing was unset/)
    })

    t.test('awscache-prompt: profile and time left from the markers alone', async t => {
      const now = Math.floor(Date.now() / 1000)
      // bash 5 and zsh have a clock: their prompt runs with nothing on PATH at all
      const prompt = (env: Record<string, string>) => inShell(shell, shell === 'fish' ? 'awscache-prompt' : 'PATH=/nonexistent; awscache-prompt', env).stdout
      t.equal(prompt({ AWSCACHE_PROFILE: 'dev-admin', AWSCACHE_EXPIRES: String(now + 3 * 3600 + 12 * 60 + 30) }), 'dev-admin 3h12m')
      t.equal(prompt({ AWSCACHE_PROFILE: 'dev-admin', AWSCACHE_EXPIRES: String(now + 5 * 60 + 30) }), 'dev-admin 5m')
      t.equal(prompt({ AWSCACHE_PROFILE: 'dev-admin', AWSCACHE_EXPIRES: String(now - 10) }), 'dev-admin expired')
      t.equal(prompt({}), '')
      const canary = join(tempFolder('awscache-prompt-'), 'CANARY')
      t.equal(prompt({ AWSCACHE_PROFILE: 'x', AWSCACHE_EXPIRES: `a[$(touch ${canary})]` }), '')
      t.notOk(existsSync(canary), 'the marker is never evaluated')
    })

    t.test('the user\'s options and variables are left as they were', async t => {
      const r = shell === 'bash'
        ? run('bash', ['-c', `set -euo pipefail; IFS=:; vars_before="$(compgen -v | sort)"; before="$(set -o; shopt)"
eval "$(awscache init bash)"
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
after="$(set -o; shopt)"; vars_after="$(compgen -v | sort)"
[ "$before" = "$after" ] && echo options-same
[ "$IFS" = : ] && echo ifs-same
diff <(printf '%s\\n' "$vars_before") <(printf '%s\\n' "$vars_after" | grep -v -x -e before -e after -e vars_before -e vars_after) >&2 && echo vars-same`], '', baseEnv)
        : shell === 'zsh'
          ? run('zsh', ['-c', `setopt nounset errexit ksh_arrays; IFS=:; before="$(setopt)"; vars_before=(\${(k)parameters})
eval "$(awscache init zsh)"
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
after="$(setopt)"; vars_after=(\${(k)parameters})
unsetopt nounset ksh_arrays
[[ "$before" == "$after" ]] && echo options-same
[[ "$IFS" == : ]] && echo ifs-same
extra=(\${vars_after:|vars_before}); extra=(\${extra:#(before|after|vars_before|vars_after|EPOCHSECONDS|EPOCHREALTIME|epochtime)})
[[ \${#extra} -eq 0 ]] && echo vars-same || print -r -- "left behind: $extra" >&2`], '', baseEnv)
          : run('fish', ['--no-config', '-c', `set -l before (set -n)
awscache init fish | source
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
set -l after (set -n)
echo options-same; echo ifs-same
set -l extra
for v in $after; contains -- $v $before; or contains -- $v before after; or set -a extra $v; end
test (count $extra) -eq 0; and echo vars-same; or echo "left behind: $extra" >&2`], '', baseEnv)
      t.equal(r.stdout, 'options-same\nifs-same\nvars-same\n', r.stderr)
    })

    t.test('syntax check', async t => {
      const file = join(INTEGRATION, `awscache.${shell}`)
      const r = shell === 'fish' ? run('fish', ['--no-execute', file]) : run(shell, ['-n', file])
      t.equal(r.status, 0, r.stderr)
    })
  })
}

t.test('shellcheck is clean on the bash integration', { skip: !hasCommand('shellcheck') && missingReason('shellcheck') }, async t => {
  const r = run('shellcheck', [join(INTEGRATION, 'awscache.bash')])
  t.equal(r.status, 0, r.stdout)
})

t.test('bash completion of commands, options and profile names', { skip: !hasCommand('bash') && missingReason('bash') }, async t => {
  const complete = (words: string[]) => {
    const arr = words.map(w => `'${w}'`).join(' ')
    const r = run('bash', ['-c', `eval "$(awscache init bash)"; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; __awscache_complete; printf '%s\\n' "\${COMPREPLY[@]}"`], '', baseEnv)
    return r.stdout.trim().split('\n')
  }
  t.same(complete(['awscache', 'l']), ['list'])
  t.same(complete(['awscache', 'env', 's']), ['some-role-requiring-mfa', 'sso-dev'])
  t.same(complete(['awscache-use', 'r']), ['readonly'])
  t.same(complete(['awscache', 'env', 'x', '--format', 'p']), ['powershell'])
  t.same(complete(['awscache', 'sql', '-d', 'red']), ['redshift', 'redshift-credentials'])
  t.same(complete(['awscache', 'prune', '--w']), ['--within'])
  // a non-interactive shell gets no completion set up
  const r = run('bash', ['-c', 'eval "$(awscache init bash)"; complete -p awscache'], '', baseEnv)
  t.not(r.status, 0)
})

t.test('fish completion of commands, options and profile names', { skip: !hasCommand('fish') && missingReason('fish') }, async t => {
  const complete = (line: string) =>
    run('fish', ['--no-config', '-c', `awscache init fish | source; complete -C '${line}'`], '', baseEnv).stdout.trim().split('\n').map(l => l.split('\t')[0])
  t.same(complete('awscache li'), ['list'])
  t.same(complete('awscache env s'), ['some-role-requiring-mfa', 'sso-dev'])
  t.same(complete('awscache-use r'), ['readonly'])
  t.same(complete('awscache env x --format p'), ['powershell'])
})

t.test('the completion lists match the commands and options awscache has', async t => {
  const help = awscache(home, ['--help']).stdout
  const commands = [...help.matchAll(/^ {2}awscache (\w+)/gm)].map(m => m[1]).sort()
  const bash = readFileSync(join(INTEGRATION, 'awscache.bash'), 'utf8')
  const listed = /printf '%s\\n' (list env [^-\n]+) --help/.exec(bash)?.[1]?.split(' ').sort()
  t.same(listed, commands)
  for (const cmd of commands) {
    const opts = [...awscache(home, [cmd as string, '--help']).stdout.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)]
      .map(m => m[1] as string)
      .filter(o => !['--help', '--version', '--cache-dir', '--color', '--no-color'].includes(o))
    for (const opt of opts) {
      t.ok(bash.includes(opt), `bash completes ${cmd} ${opt}`)
      t.ok(readFileSync(join(INTEGRATION, 'awscache.zsh'), 'utf8').includes(opt), `zsh completes ${cmd} ${opt}`)
      t.ok(readFileSync(join(INTEGRATION, 'awscache.fish'), 'utf8').includes(`-l ${opt.slice(2)}`), `fish completes ${cmd} ${opt}`)
    }
  }
})
