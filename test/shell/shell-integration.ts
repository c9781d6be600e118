import { appendFileSync, chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { awscache, cacheDirOf, fixtureHome } from '../helpers/home.js'
import { pathWithAwscache } from '../helpers/path-bin.js'
import { hasCommand, missingReason, run } from '../helpers/shells.js'
import { tempFolder } from '../helpers/temp.js'
import { allDefinitions } from '../../cli/command-table.js'
import { optionWords } from '../../cli/completion-table.js'
import { GLOBAL_OPTIONS } from '../../cli/global-options.js'

const MFA = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
const INTEGRATION = new URL('../../shell-integration/', import.meta.url).pathname
const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

const home = fixtureHome('aws-cli-v2-home')
const PATH = pathWithAwscache()
const cached = JSON.parse(readFileSync(join(cacheDirOf(home), `${MFA}.json`), 'utf8')).Credentials as Record<
  string,
  string
>
const baseEnv = { PATH, HOME: home, LANG: 'C.UTF-8', TERM: 'dumb' }
// the scripts as `awscache init` renders them, command table and all: one run of the real
// `awscache init` per shell, which the tests below load (a node start per shell run would
// cost minutes); the user's own `eval "$(awscache init …)"` line is run where it is the subject
const renderedFolder = tempFolder('awscache-rendered-')
const INIT = Object.fromEntries(SHELLS.map(shell => [shell, awscache(home, ['init', shell])])) as Record<
  Shell,
  ReturnType<typeof awscache>
>
const RENDERED = Object.fromEntries(
  SHELLS.map(shell => {
    const file = join(renderedFolder, `awscache.${shell}`)
    writeFileSync(file, INIT[shell].stdout)
    return [shell, file]
  }),
) as Record<Shell, string>

// Runs a script in a non-interactive shell that has loaded the integration, as an rc file would.
const inShell = (shell: Shell, script: string, env: Record<string, string> = {}) => {
  const load = shell === 'fish' ? `source '${RENDERED.fish}'` : `. '${RENDERED[shell]}'`
  const args = shell === 'fish' ? ['--no-config', '-c', `${load}\n${script}`] : ['-c', `${load}\n${script}`]
  return run(shell, args, '', { ...baseEnv, ...env })
}

interface BatchOptions {
  /** run before the integration is loaded */
  before?: string
  /** run after it is loaded, before the cases */
  after?: string
  /** the shell's flags before -c (zsh -f, say) */
  flags?: string[]
}

// Runs many cases in ONE shell process that has loaded the integration (bash and zsh: each case
// in a subshell of its own, so that none sees another's variables); each case's stdout, in order.
const batch = (shell: Shell, cases: string[], env: Record<string, string>, o: BatchOptions = {}) => {
  const load = shell === 'fish' ? `source '${RENDERED.fish}'` : `. '${RENDERED[shell]}'`
  const body = cases
    .map(c => (shell === 'fish' ? `begin\n${c}\nend\nprintf '\\0'` : `(\n${c}\n)\nprintf '\\0'`))
    .join('\n')
  const script = `${o.before ?? ''}${load}\n${o.after ?? ''}\n${body}`
  const flags = o.flags ?? (shell === 'fish' ? ['--no-config'] : [])
  const r = run(shell, [...flags, '-c', script], '', env)
  const outputs = values(r.stdout)
  if (outputs.length !== cases.length)
    throw new Error(`${shell} ended after ${outputs.length} of ${cases.length} cases (exit ${r.status}): ${r.stderr}`)
  return { outputs, stderr: r.stderr }
}

// The same, the integration sourced from its file (no node start: quicker).
const sourced = (shell: Shell, script: string, env: Record<string, string> = {}) => {
  const file = join(INTEGRATION, `awscache.${shell}`)
  const args =
    shell === 'fish' ? ['--no-config', '-c', `source '${file}'\n${script}`] : ['-c', `. '${file}'\n${script}`]
  return run(shell, args, '', { ...baseEnv, ...env })
}

// awscache-prompt's output for each [AWSCACHE_PROFILE, AWSCACHE_EXPIRES], in one shell
const prompts = (shell: Shell, cases: [string, string][], env: Record<string, string> = {}) => {
  const vars: Record<string, string> = {}
  const lines = cases.map(([profile, expires], i) => {
    vars[`P${i}`] = profile
    vars[`E${i}`] = expires
    return shell === 'fish'
      ? `AWSCACHE_PROFILE=$P${i} AWSCACHE_EXPIRES=$E${i} awscache-prompt; printf '\\0'`
      : `AWSCACHE_PROFILE="$P${i}" AWSCACHE_EXPIRES="$E${i}" awscache-prompt; printf '\\0'`
  })
  const r = sourced(shell, lines.join('\n'), { ...vars, ...env })
  return { outputs: values(r.stdout), stderr: r.stderr }
}

// prints each variable with a NUL after it; "<unset>" for an unset one
const show = (shell: Shell, names: string[]) =>
  names
    .map(n =>
      shell === 'fish'
        ? `if set -q ${n}; printf '%s\\0' "$${n}"; else; printf '<unset>\\0'; end`
        : `if [ -n "\${${n}+x}" ]; then printf '%s\\0' "$${n}"; else printf '<unset>\\0'; fi`,
    )
    .join('\n')
const values = (stdout: string) => stdout.split('\0').slice(0, -1)

const SESSION = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWSCACHE_PROFILE',
  'AWSCACHE_EXPIRES',
]

for (const shell of SHELLS) {
  t.test(`${shell} integration`, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
    t.test('awscache init prints the bundled file', async t => {
      const r = INIT[shell]
      t.equal(r.status, 0)
      // the file as it is, with the command table where its ::AWSCACHE_TABLE:: line was
      const [before, after] = readFileSync(join(INTEGRATION, `awscache.${shell}`), 'utf8').split(
        '# ::AWSCACHE_TABLE::\n',
      )
      t.ok(before && after, 'the file has its table line')
      t.ok(r.stdout.startsWith(before as string) && r.stdout.endsWith(after as string), 'the rest as it is')
      t.notMatch(r.stdout, /::AWSCACHE_TABLE::/)
      t.match(
        r.stdout.slice((before as string).length, r.stdout.length - (after as string).length),
        shell === 'fish' ? /^function __awscache_takes_value/ : /^__awscache_commands\(\) \{/,
      )
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

    t.test("a failing awscache-use leaves the shell as it was, with awscache's exit code", async t => {
      const before = { AWS_ACCESS_KEY_ID: 'AKIAOLD', AWS_SECRET_ACCESS_KEY: 'old secret', AWSCACHE_PROFILE: 'old' }
      const script =
        shell === 'fish'
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
        AWS_ACCESS_KEY_ID: 'ASIAX',
        AWS_SECRET_ACCESS_KEY: 'TOP-SECRET-VALUE',
        AWS_SESSION_TOKEN: 'TOKEN-VALUE',
        AWS_PROFILE: 'p',
        AWS_REGION: 'eu-west-1',
        AWSCACHE_PROFILE: 'p',
        AWSCACHE_EXPIRES: '1',
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'missing'),
        AWS_SOMETHING_ELSE: 'kept without --all',
        NOT_AWS: 'kept',
      }
      const r = inShell(shell, `awscache-clear -y -m || exit 9\n${show(shell, Object.keys(env))}`, env)
      t.equal(r.status, 0, r.stderr)
      const after = Object.fromEntries(Object.keys(env).map((k, i) => [k, values(r.stdout)[i]]))
      t.same(after, {
        AWS_ACCESS_KEY_ID: '<unset>',
        AWS_SECRET_ACCESS_KEY: '<unset>',
        AWS_SESSION_TOKEN: '<unset>',
        AWS_PROFILE: '<unset>',
        AWS_REGION: '<unset>',
        AWSCACHE_PROFILE: '<unset>',
        AWSCACHE_EXPIRES: '<unset>',
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: '<unset>',
        AWS_SOMETHING_ELSE: 'kept without --all',
        NOT_AWS: 'kept',
      })
      t.notMatch(r.stderr, /TOP-SECRET-VALUE|TOKEN-VALUE/, 'secrets masked')
      t.match(r.stderr, /AWS_SECRET_ACCESS_KEY\s+\(hidden, 16 characters\)/)
      t.match(
        r.stderr,
        /kept AWS_CONFIG_FILE=.*config: that file exists; to unset it anyway, run: (unset|set -e) AWS_CONFIG_FILE/,
      )
      t.notMatch(r.stderr, /\x1b\[/, '-m: no colour')
    })

    t.test('awscache-clear with no terminal and no -y unsets nothing, and says why', async t => {
      const r = inShell(
        shell,
        `awscache-clear; set_rc=$?\n`.replace('set_rc=$?', shell === 'fish' ? 'set -l rc $status' : 'rc=$?') +
          `${show(shell, ['AWS_ACCESS_KEY_ID'])}\nexit $rc`,
        { AWS_ACCESS_KEY_ID: 'ASIAX' },
      )
      t.equal(r.status, 1)
      t.same(values(r.stdout), ['ASIAX'])
      t.match(r.stderr, /no terminal to ask on, so nothing was unset/)
    })

    t.test('awscache-prompt: profile and time left from the markers alone', async t => {
      const now = Math.floor(Date.now() / 1000)
      const canary = join(tempFolder('awscache-prompt-'), 'CANARY')
      // [AWSCACHE_PROFILE, AWSCACHE_EXPIRES], or unset; all in one shell, each case setting both
      const cases: ([string, string] | undefined)[] = [
        ['dev-admin', String(now + 3 * 3600 + 12 * 60 + 30)],
        ['dev-admin', String(now + 5 * 60 + 30)],
        ['dev-admin', String(now - 10)],
        undefined,
        ['x', `a[$(touch ${canary})]`],
      ]
      const env: Record<string, string> = { ...baseEnv }
      const scripts = cases.map((c, i) => {
        if (c) [env[`P${i}`], env[`E${i}`]] = c
        if (shell === 'fish')
          return c
            ? `set -gx AWSCACHE_PROFILE $P${i}; set -gx AWSCACHE_EXPIRES $E${i}; awscache-prompt`
            : 'set -e AWSCACHE_PROFILE; set -e AWSCACHE_EXPIRES; awscache-prompt'
        // bash 5 and zsh have a clock: their prompt runs with nothing on PATH at all
        return c
          ? `export AWSCACHE_PROFILE="$P${i}" AWSCACHE_EXPIRES="$E${i}"; PATH=/nonexistent; awscache-prompt`
          : 'unset AWSCACHE_PROFILE AWSCACHE_EXPIRES; PATH=/nonexistent; awscache-prompt'
      })
      const r = batch(shell, scripts, env)
      t.equal(r.outputs[0], 'dev-admin 3h12m')
      t.equal(r.outputs[1], 'dev-admin 5m')
      t.equal(r.outputs[2], 'dev-admin expired')
      t.equal(r.outputs[3], '')
      t.equal(r.outputs[4], '')
      t.equal(r.stderr, '')
      t.notOk(existsSync(canary), 'the marker is never evaluated')
    })

    t.test('awscache-use --help / --version: the text goes to the terminal, nothing is evaluated', async t => {
      const before = { AWS_ACCESS_KEY_ID: 'AKIAOLD', AWSCACHE_PROFILE: 'old' }
      const calls = ['--help', '--version', 'some-role-requiring-mfa --help', '-V']
      const script = calls
        .map(args =>
          shell === 'fish' ? `awscache-use ${args}; echo "rc=$status"` : `awscache-use ${args}; echo "rc=$?"`,
        )
        .join('\n')
      const r = inShell(shell, `${script}\n${show(shell, Object.keys(before))}`, before)
      t.equal(r.stderr, '', 'no error: nothing ran as a command')
      const parts = r.stdout.split(/\nrc=(\d+)\n/)
      t.equal(parts.length, 2 * calls.length + 1, 'each call printed its text and returned')
      calls.forEach((args, i) => {
        t.match(parts[2 * i], /--version|^\d+\.\d+\.\d+$/, `${args}: the text is shown`)
        t.equal(parts[2 * i + 1], '0', `${args}: exit 0`)
      })
      t.same(values(parts[2 * calls.length] ?? ''), Object.values(before), 'the shell is as it was')
    })

    t.test('awscache-use passes -- and a name starting with - on to awscache env unchanged', async t => {
      // a stand-in awscache records its arguments (the real one's handling of "env -- -x" is its own)
      const bin = tempFolder('awscache-stub-')
      const record = join(bin, 'args')
      writeFileSync(
        join(bin, 'awscache'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\n` +
          (shell === 'fish' ? `echo "set -gx AWSCACHE_EXPIRES 1"\n` : `echo "export AWSCACHE_EXPIRES=1"\n`),
      )
      chmodSync(join(bin, 'awscache'), 0o755)
      const r = sourced(shell, 'awscache-use -- -x', { PATH: `${bin}:${PATH}` })
      t.equal(r.status, 0, r.stderr)
      t.same(readFileSync(record, 'utf8').split('\n').slice(0, -1), [
        'env',
        '--mark',
        '--format',
        shell === 'fish' ? 'fish' : 'sh',
        '--',
        '-x',
      ])
    })

    t.test('awscache-prompt shows a profile name literally: no prompt escapes, no control characters', async t => {
      const expires = String(Math.floor(Date.now() / 1000) + 2 * 3600 + 29 * 60 + 30)
      // zsh's prompt expansion reads '%': the name comes with it doubled, so that it shows as one
      const pct = (name: string) => (shell === 'zsh' ? name.replaceAll('%', '%%') : name)
      const names = ['pct%F{red}x%f', '%(?.a.b)', 'a$(echo b)`c`\\d']
      const hostile = 'e\x1b]0;title\x07 c0\x01\x1f del\x7f c1\u009b\u0085 nl\nz é'
      const shown = 'e?]0;title? c0?? del? c1?? nl?z é 2h29m'
      const r = prompts(
        shell,
        [...names, hostile].map(name => [name, expires]),
      )
      t.same(r.outputs, [...names.map(name => `${pct(name)} 2h29m`), shown])
      t.equal(r.stderr, '')
      // in the C locale too (the name's bytes are the same; fish itself reads non-ASCII bytes there as
      // Latin-1 and writes them back as UTF-8, so it gets an ASCII name)
      const ascii = 'e\x1b]0;title\x07 c0\x01\x1f del\x7f nl\nz'
      const c = shell === 'fish' ? [ascii, 'e?]0;title? c0?? del? nl?z 2h29m'] : [hostile, shown]
      t.same(prompts(shell, [[c[0] as string, expires]], { LANG: 'C', LC_ALL: 'C' }).outputs, [c[1]])
    })

    t.test('awscache-prompt with a marker that is no time prints nothing, and no error', async t => {
      const now = Math.floor(Date.now() / 1000)
      const odd = [
        '',
        ' ',
        'abc',
        '1e3',
        '-5',
        '12.5',
        '10000000000000000000',
        '99999999999999999999999',
        '1'.repeat(13),
      ]
      const r = prompts(
        shell,
        [...odd, '08', '09', `000${now + 600 + 30}`, '0', '253402300799'].map(e => ['dev', e]),
      )
      t.equal(r.stderr, '', 'no error')
      t.same(
        r.outputs.slice(0, odd.length),
        odd.map(() => ''),
        'nothing for a marker that is no time',
      )
      t.same(
        r.outputs.slice(odd.length, odd.length + 4),
        ['dev expired', 'dev expired', 'dev 10m', 'dev expired'],
        'leading zeros are decimal',
      )
      t.match(r.outputs[odd.length + 4], /^dev \d+h\d+m$/, 'year 9999')
    })

    t.test("the user's options and variables are left as they were", async t => {
      const r =
        shell === 'bash'
          ? run(
              'bash',
              [
                '-c',
                `set -euo pipefail; IFS=:; vars_before="$(compgen -v | sort)"; before="$(set -o; shopt)"
eval "$(awscache init bash)"
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
after="$(set -o; shopt)"; vars_after="$(compgen -v | sort)"
[ "$before" = "$after" ] && echo options-same
[ "$IFS" = : ] && echo ifs-same
diff <(printf '%s\\n' "$vars_before") <(printf '%s\\n' "$vars_after" | grep -v -x -e before -e after -e vars_before -e vars_after) >&2 && echo vars-same`,
              ],
              '',
              baseEnv,
            )
          : shell === 'zsh'
            ? run(
                'zsh',
                [
                  '-c',
                  `setopt nounset errexit ksh_arrays; IFS=:; before="$(setopt)"; vars_before=(\${(k)parameters})
eval "$(awscache init zsh)"
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
after="$(setopt)"; vars_after=(\${(k)parameters})
unsetopt nounset ksh_arrays
[[ "$before" == "$after" ]] && echo options-same
[[ "$IFS" == : ]] && echo ifs-same
extra=(\${vars_after:|vars_before}); extra=(\${extra:#(before|after|vars_before|vars_after|EPOCHSECONDS|EPOCHREALTIME|epochtime)})
[[ \${#extra} -eq 0 ]] && echo vars-same || print -r -- "left behind: $extra" >&2`,
                ],
                '',
                baseEnv,
              )
            : run(
                'fish',
                [
                  '--no-config',
                  '-c',
                  `set -l before (set -n)
awscache init fish | source
awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; awscache-clear -y 2>/dev/null
set -l after (set -n)
echo options-same; echo ifs-same
set -l extra
for v in $after; contains -- $v $before; or contains -- $v before after; or set -a extra $v; end
test (count $extra) -eq 0; and echo vars-same; or echo "left behind: $extra" >&2`,
                ],
                '',
                baseEnv,
              )
      t.equal(r.stdout, 'options-same\nifs-same\nvars-same\n', r.stderr)
    })

    t.test('syntax check', async t => {
      const file = join(INTEGRATION, `awscache.${shell}`)
      const r = shell === 'fish' ? run('fish', ['--no-execute', file]) : run(shell, ['-n', file])
      t.equal(r.status, 0, r.stderr)
    })
  })
}

t.test(
  'shellcheck is clean on the bash integration',
  { skip: !hasCommand('shellcheck') && missingReason('shellcheck') },
  async t => {
    const r = run('shellcheck', [RENDERED.bash])
    t.equal(r.status, 0, r.stdout)
  },
)

t.test('the rendered scripts parse in their shells, and load under set -euo pipefail', async t => {
  for (const [shell, check] of [
    ['bash', ['-n']],
    ['zsh', ['-n']],
    ['fish', ['--no-execute']],
  ] as const) {
    t.test(shell, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
      const r = run(shell, [...check, RENDERED[shell]])
      t.equal(r.status, 0, `${shell} ${check.join(' ')}: ${r.stderr}`)
      t.equal(r.stderr, '')
    })
  }
  for (const shell of ['bash', 'zsh'] as const) {
    t.test(`${shell} -euo pipefail`, { skip: !hasCommand(shell) && missingReason(shell) }, async t => {
      const r = run(
        shell,
        [
          '-c',
          `set -euo pipefail; source '${RENDERED[shell]}'; awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt >/dev/null; echo loaded`,
        ],
        '',
        baseEnv,
      )
      t.equal(r.stdout, 'loaded\n', r.stderr)
    })
  }
})

t.test(
  'bash completion of commands, options and profile names',
  { skip: !hasCommand('bash') && missingReason('bash') },
  async t => {
    const cases: [string[], string[]][] = [
      [
        ['awscache', 'l'],
        ['list', 'logins'],
      ],
      [['awscache', 'lo'], ['logins']],
      [
        ['awscache', 'env', 's'],
        ['some-role-requiring-mfa', 'sso-dev'],
      ],
      [['awscache-use', 'r'], ['readonly']],
      [['awscache', 'env', 'x', '--format', 'p'], ['powershell']],
      [
        ['awscache', 'sql', '-d', 'red'],
        ['redshift', 'redshift-credentials'],
      ],
      [['awscache', 'prune', '--w'], ['--within']],
    ]
    const scripts = cases.map(([words]) => {
      const arr = words.map(w => `'${w}'`).join(' ')
      return `COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; __awscache_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
    })
    // a non-interactive shell gets no completion set up
    scripts.push('if complete -p awscache >/dev/null 2>&1; then echo set-up; else echo none; fi')
    const { outputs } = batch('bash', scripts, baseEnv)
    cases.forEach(([words, want], i) => t.same((outputs[i] ?? '').trim().split('\n'), want, words.join(' ')))
    t.equal(outputs[cases.length], 'none\n', 'complete -p awscache fails')
  },
)

// profiles whose names bash's COMP_WORDBREAKS splits, or that look like options
const oddHome = fixtureHome('aws-cli-v2-home')
appendFileSync(
  join(oddHome, '.aws', 'config'),
  '\n[profile team:dev]\nregion = eu-west-1\n[profile team:prod]\n[profile k=v]\n[profile -dash]\n',
)
const oddEnv = { ...baseEnv, HOME: oddHome }

// what fish's `complete -C` printed: the words, without their descriptions
const fishWords = (out: string): string[] =>
  out
    .trim()
    .split('\n')
    .map(l => l.split('\t')[0] as string)
    .filter(l => l !== '')

// bash's completion as readline calls it: COMP_LINE as typed, COMP_WORDS split at spaces and at
// each run of COMP_WORDBREAKS characters (':' and '=') as bash splits them
const bashCompletionCase = (line: string): string => {
  const words = line
    .split(/ +/)
    .flatMap(w => w.split(/([:=]+)/))
    .filter((w, i, all) => w !== '' || i === all.length - 1)
  if (line.endsWith(' ')) words.push('')
  const arr = words.map(w => `'${w}'`).join(' ')
  return `COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; __awscache_complete; printf '%s\\n' "\${COMPREPLY[@]}"`
}

// the completions of many lines, in one bash
const bashCompleteAll = (lines: string[], prelude = '', env: Record<string, string> = oddEnv): string[][] =>
  batch('bash', lines.map(bashCompletionCase), env, { before: prelude }).outputs.map(out =>
    out.split('\n').filter(l => l !== ''),
  )

// each [line, the completions it must get (undefined: the caller looks)], in one bash
const sameCompletions = (t: Test, cases: [string, string[] | undefined][], prelude = ''): string[][] => {
  const got = bashCompleteAll(
    cases.map(([line]) => line),
    prelude,
  )
  cases.forEach(([line, want], i) => {
    if (want) t.same(got[i], want, line)
  })
  return got
}

t.test(
  'bash completion of names with ":" and "=", and of names starting with "-"',
  { skip: !hasCommand('bash') && missingReason('bash') },
  async t => {
    const got = sameCompletions(t, [
      // readline replaces only what follows the last ':' or '=': the reply is the rest of the name
      ['awscache env team:p', ['prod']],
      ['awscache env team:', ['dev', 'prod']],
      ['awscache-use team:d', ['dev']],
      ['awscache env te', ['team:dev', 'team:prod']],
      ['awscache rm k=', ['v']],
      ['awscache env --format=p', ['powershell']],
      // options where an option may come; profile names after --
      ['awscache env -- -', ['-dash']],
      ['awscache-use -- -', ['-dash']],
      ['awscache-use -', ['--refresh', '--min-remaining', '--cache-dir']],
      // without COMP_LINE (a direct call), the words are taken as they are
      ['awscache env so', ['some-role-requiring-mfa']],
      // checked below
      ['awscache env -', undefined],
    ])
    t.notOk(got[10]?.includes('-dash'), 'an option is no profile')
  },
)

t.test("completion of exec's profile after exec's options; folders after --cache-dir", async t => {
  const skipBash = !hasCommand('bash') && missingReason('bash')
  const skipFish = !hasCommand('fish') && missingReason('fish')
  t.test('bash', { skip: skipBash }, async t => {
    const got = sameCompletions(t, [
      ['awscache exec --refresh so', ['some-role-requiring-mfa']],
      ['awscache exec --min-remaining 1h --cache-dir /x --refresh so', ['some-role-requiring-mfa']],
      ['awscache exec -- so', ['some-role-requiring-mfa']],
      // a direct call is not inside completion, so compopt refuses: the folders come ready-made
      ['awscache list --cache-dir /tm', ['/tmp/']],
      ['awscache list --cache-dir=/tm', ['/tmp/']],
      // checked below
      ['awscache exec readonly so', undefined],
    ])
    const command = got[5] ?? []
    t.notOk(command.includes('some-role-requiring-mfa'), 'the command after the profile is no profile')
    t.ok(command.includes('sort'), 'but a command')
  })
  t.test('fish', { skip: skipFish }, async t => {
    const cases: [string, string[]][] = [
      ['awscache exec --refresh so', ['some-role-requiring-mfa']],
      ['awscache exec --min-remaining 1h so', ['some-role-requiring-mfa']],
      ['awscache exec readonly so', []],
      ['awscache-use -- -', ['-dash']],
      ['awscache-use team:', ['team:dev', 'team:prod']],
    ]
    const { outputs } = batch(
      'fish',
      cases.map(([line]) => `complete -C '${line}'`),
      oddEnv,
    )
    cases.forEach(([line, want], i) => t.same(fishWords(outputs[i] ?? ''), want, line))
  })
})

t.test(
  'bash in POSIX mode loads the integration and is left as it was',
  { skip: !hasCommand('bash') && missingReason('bash') },
  async t => {
    const state = `{ set -o; shopt; declare -p POSIXLY_CORRECT; }`
    for (const [name, args, env] of [
      ['bash --posix', ['--posix', '-c'], {}],
      ['set -o posix', ['-c'], {}],
      ['POSIXLY_CORRECT=1 exported', ['-c'], { POSIXLY_CORRECT: '1' }],
    ] as const) {
      const start = name === 'set -o posix' ? 'set -o posix; ' : ''
      const r = run(
        'bash',
        [
          ...args,
          `${start}before="$(${state})"
eval "$(awscache init bash)" || echo "init failed"
after="$(${state})"
[ "$before" = "$after" ] && echo state-same || diff <(echo "$before") <(echo "$after") >&2
awscache-use some-role-requiring-mfa 2>/dev/null && echo "[$AWSCACHE_PROFILE] [$(awscache-prompt | cut -d' ' -f1)]"
declare -F | grep -c -e awscache-use -e awscache-clear -e awscache-prompt
declare -F | grep -e __awscache_define >&2`,
        ],
        '',
        { ...baseEnv, ...env },
      )
      t.equal(r.stdout, 'state-same\n[some-role-requiring-mfa] [some-role-requiring-mfa]\n3\n', `${name}: ${r.stderr}`)
      t.equal(r.stderr, '', name)
    }
  },
)

t.test(
  'the bash integration needs nothing newer than bash 3.2',
  { skip: !hasCommand('bash') && missingReason('bash') },
  async t => {
    const text = readFileSync(RENDERED.bash, 'utf8')
      .split('\n')
      .filter(l => !/^\s*#/.test(l))
      .join('\n')
    const bash4 = {
      'mapfile/readarray': /\b(mapfile|readarray)\b/,
      'associative arrays': /\b(declare|local|typeset)\s+-\w*A/,
      'declare -g / namerefs': /\b(declare|local|typeset)\s+-\w*[gn]\b/,
      'case modification': /\$\{[^}]*(,,|\^\^|,\}|\^\})/,
      'case fall-through': /;;&|;&/,
      'negative array index': /\[\s*-\d+\s*\]/,
      'coproc, |&, &>>': /\bcoproc\b|\|&|&>>/,
      '\\u escapes': /\$'[^']*\\[uU]/,
      '${var@op}': /\$\{[^}]*@[QEPAaKkUuL]\}/,
      'globstar, wait -n': /\bglobstar\b|\bwait -n\b/,
      'process substitution (refused in POSIX mode before bash 5.1)': /<\(/,
      'EPOCHSECONDS in arithmetic': /\$\(\([^)]*EPOCH/,
    }
    for (const [what, pattern] of Object.entries(bash4)) t.notMatch(text, pattern, what)
    // and it runs with bash 4's builtins disabled (there is no bash 3.2 at hand)
    const prelude = 'enable -n mapfile readarray compopt; '
    sameCompletions(
      t,
      [
        ['awscache env team:p', ['prod']],
        ['awscache list --cache-dir /tm', ['/tmp/']],
      ],
      prelude,
    )
    const r = run(
      'bash',
      ['-c', `${prelude}. '${RENDERED.bash}'; awscache-use some-role-requiring-mfa 2>/dev/null; awscache-prompt`],
      '',
      baseEnv,
    )
    t.match(r.stdout, /^some-role-requiring-mfa \d+m$/, r.stderr)
  },
)

t.test(
  'bash: an EPOCHSECONDS that bash does not provide is never evaluated',
  { skip: !hasCommand('bash') && missingReason('bash') },
  async t => {
    const canary = join(tempFolder('awscache-epoch-'), 'CANARY')
    const expires = Math.floor(Date.now() / 1000) + 600 + 30
    // as in bash < 5, where EPOCHSECONDS is any variable
    const r = run(
      'bash',
      ['-c', `unset EPOCHSECONDS; EPOCHSECONDS='a[$(touch ${canary})]'; . '${RENDERED.bash}'; awscache-prompt`],
      '',
      { ...baseEnv, AWSCACHE_PROFILE: 'dev', AWSCACHE_EXPIRES: String(expires) },
    )
    t.equal(r.stdout, 'dev 10m', r.stderr)
    t.notOk(existsSync(canary), 'EPOCHSECONDS was not evaluated')
  },
)

t.test(
  'fish completion of commands, options and profile names',
  { skip: !hasCommand('fish') && missingReason('fish') },
  async t => {
    const cases: [string, string[]][] = [
      ['awscache li', ['list']],
      ['awscache env s', ['some-role-requiring-mfa', 'sso-dev']],
      ['awscache-use r', ['readonly']],
      ['awscache env x --format p', ['powershell']],
    ]
    const { outputs } = batch(
      'fish',
      cases.map(([line]) => `complete -C '${line}'`),
      baseEnv,
    )
    cases.forEach(([line, want], i) =>
      t.same(
        (outputs[i] ?? '')
          .trim()
          .split('\n')
          .map(l => l.split('\t')[0]),
        want,
        line,
      ),
    )
  },
)

t.test("completion offers exactly the table's commands, options and values, per command, in every shell", async t => {
  const definitions = await allDefinitions()
  const globalWords = Object.entries(GLOBAL_OPTIONS).flatMap(([n, o]) =>
    optionWords(n, o).filter(w => w.startsWith('--')),
  )
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort()
  const expectedOptions = (c: (typeof definitions)[number]) =>
    sorted([
      ...Object.entries(c.options).flatMap(([n, o]) => optionWords(n, o).filter(w => w.startsWith('--'))),
      ...globalWords,
      '--help',
    ])
  const commandNames = sorted(definitions.map(d => d.name))
  const valueCases = definitions.flatMap(c =>
    Object.entries(c.options).flatMap(([n, o]) => (o.choices ? [[c.name, `--${n}`, sorted(o.choices)] as const] : [])),
  )
  const positionalChoices = definitions.flatMap(c =>
    c.positionals.flatMap(p => (p.choices ? [[c.name, sorted(p.choices)] as const] : [])),
  )

  // every command's lines, in one shell process per shell
  const lines = [
    'awscache ',
    ...definitions.map(c => `awscache ${c.name} --`),
    ...valueCases.map(([cmd, option]) => `awscache ${cmd} ${option} `),
    ...positionalChoices.map(([cmd]) => `awscache ${cmd} `),
  ]
  const check = (t: Test, got: string[][], commands: string[]) => {
    let i = 0
    t.same(got[i++], commands, 'commands')
    for (const c of definitions) t.same(got[i++], expectedOptions(c), `${c.name}'s options`)
    for (const [cmd, option, choices] of valueCases) t.same(got[i++], choices, `${cmd} ${option}`)
    for (const [cmd, choices] of positionalChoices) t.same(got[i++], choices, `${cmd}'s argument`)
  }
  // profile names are not what this test is about: a stand-in awscache prints the real one's list
  // (a node start for every line would cost a minute)
  const stub = tempFolder('awscache-profiles-stub-')
  const listed = join(stub, 'profiles')
  writeFileSync(listed, awscache(oddHome, ['profiles']).stdout)
  writeFileSync(
    join(stub, 'awscache'),
    `#!/bin/sh\n[ "$1" = profiles ] && [ $# = 1 ] && exec cat '${listed}'\necho "stand-in awscache: $*" >&2; exit 99\n`,
  )
  chmodSync(join(stub, 'awscache'), 0o755)
  const env = { ...oddEnv, PATH: `${stub}:${PATH}` }
  const withCommands = sorted([...commandNames, '--cache-dir', '--help', '--version'])

  t.test('bash', { skip: !hasCommand('bash') && missingReason('bash') }, async t => {
    check(t, bashCompleteAll(lines, '', env).map(sorted), withCommands)
  })
  t.test('zsh', { skip: !hasCommand('zsh') && missingReason('zsh') }, async t => {
    // the completion function with compadd and compset standing in for the completion system's
    const cases = lines.map(line => {
      const w = line.split(' ')
      return `words=(${w.map(x => `'${x}'`).join(' ')}); CURRENT=${w.length}\n__awscache_complete`
    })
    const { outputs } = batch('zsh', cases, env, {
      flags: ['-f'],
      after: `__awscache_offer() { print -rl -- "\${(@P)1}" }`,
    })
    const got = outputs.map((out, i) => {
      const w = (lines[i] as string).split(' ')
      return sorted(out.split('\n').filter(l => l !== '' && l.startsWith(w[w.length - 1] as string)))
    })
    check(t, got, withCommands)
  })
  t.test('fish', { skip: !hasCommand('fish') && missingReason('fish') }, async t => {
    const { outputs } = batch(
      'fish',
      lines.map(line => `complete -C '${line}'`),
      env,
    )
    check(
      t,
      outputs.map(out => sorted(fishWords(out))),
      commandNames,
    )
  })
})
