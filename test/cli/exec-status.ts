import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { awscache, BIN, cacheDirOf, cleanEnv, fixtureHome, setExpiration } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { tempFolder } from '../helpers/temp.js'

const MFA = 'e16b54f656ccb369e72315ccbae6695711f5ba16'
const SSO = '3bb1ad0606315a2d0327168fa7674d716cba411a'
const home = fixtureHome('aws-cli-v2-home')
const cached = (id: string) =>
  JSON.parse(readFileSync(join(cacheDirOf(home), `${id}.json`), 'utf8')).Credentials as Record<string, string>

t.test('exec: the child gets the session, not a profile, and its own exit code comes back', async t => {
  const c = cached(MFA)
  const r = awscache(
    home,
    [
      'exec',
      'some-role-requiring-mfa',
      '--',
      'sh',
      '-c',
      'printf "%s\\0" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "${AWS_PROFILE-none}" "${AWS_DEFAULT_PROFILE-none}" "$KEEP"; exit 7',
    ],
    {
      AWS_PROFILE: 'other',
      AWS_DEFAULT_PROFILE: 'other',
      KEEP: 'kept',
    },
  )
  t.equal(r.status, 7)
  t.same(r.stdout.split('\0').slice(0, -1), [c.AccessKeyId, c.SecretAccessKey, c.SessionToken, 'none', 'none', 'kept'])
  t.equal(r.stderr, '')
})

t.test("exec: the child names its own session (markers) and gets the profile's region", async t => {
  const show =
    'printf "%s\\0" "${AWSCACHE_PROFILE-none}" "${AWSCACHE_EXPIRES-none}" "${AWS_REGION-none}" "${AWS_DEFAULT_REGION-none}" "${AWS_PROFILE-none}"'
  const before = {
    AWSCACHE_PROFILE: 'other',
    AWSCACHE_EXPIRES: '1',
    AWS_REGION: 'us-west-2',
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_PROFILE: 'other',
  }
  const expires = String(Math.floor(Date.parse(cached(MFA).Expiration as string) / 1000))
  const r = awscache(home, ['exec', 'some-role-requiring-mfa', '--', 'sh', '-c', show], before)
  t.equal(r.status, 0, r.stderr)
  t.same(r.stdout.split('\0').slice(0, -1), ['some-role-requiring-mfa', expires, 'us-east-1', 'us-east-1', 'none'])
  // by id, the name given is the marker; a profile without a region leaves the environment's
  const byId = awscache(home, ['exec', MFA.slice(0, 8), '--', 'sh', '-c', show], before)
  t.same(byId.stdout.split('\0').slice(0, 2), [MFA.slice(0, 8), expires])
  const noRegion = awscache(home, ['exec', 'readonly', '--', 'sh', '-c', show], before)
  t.equal(noRegion.status, 0, noRegion.stderr)
  const v = noRegion.stdout.split('\0')
  t.same([v[0], v[2], v[3], v[4]], ['readonly', 'us-west-2', 'us-west-2', 'none'])

  // a region no environment can carry: refused, nothing run
  const h2 = fixtureHome('aws-cli-v2-home')
  const config = join(h2, '.aws', 'config')
  writeFileSync(config, readFileSync(config, 'utf8').replace('region = eu-west-1', 'region = eu\0west'))
  const marker = join(tempFolder('awscache-exec-'), 'ran')
  const nul = awscache(h2, ['exec', 'sso-dev', 'touch', marker])
  t.same([nul.status, nul.stdout], [1, ''])
  t.match(
    nul.stderr,
    /^awscache: AWS_REGION: a value holds a NUL character, which an environment cannot carry; nothing was run\n$/,
  )
  t.notOk(existsSync(marker), 'nothing ran')
})

t.test("exec: stdin, stdout and stderr are the command's own; options after the profile are the command's", async t => {
  const r = awscache(home, ['exec', 'sso-dev', 'sh', '-c', 'cat; echo err >&2', '--help'])
  t.equal(r.status, 0)
  t.equal(r.stderr, 'err\n')
})

t.test('exec: no session, no command, command not found', async t => {
  const marker = join(tempFolder('awscache-exec-'), 'ran')
  const none = await awscacheInProcess(home, ['exec', 'my-iam-profile', 'touch', marker])
  t.same([none.status, none.stdout], [3, ''])
  t.notOk(existsSync(marker), 'nothing ran')
  const h2 = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(h2), `${SSO}.json`), Date.now() - 1000)
  const expired = await awscacheInProcess(h2, ['exec', 'sso-dev', 'touch', marker])
  t.same([expired.status, expired.stdout], [4, ''])
  t.notOk(existsSync(marker), 'nothing ran')
  const noCommand = await awscacheInProcess(home, ['exec', 'sso-dev'])
  t.equal(noCommand.status, 2)
  t.match(noCommand.stderr, /give the command to run/)
  const missing = await awscacheInProcess(home, ['exec', 'sso-dev', 'no-such-command-here'])
  t.equal(missing.status, 127)
  t.match(missing.stderr, /cannot run no-such-command-here: command not found/)
})

t.test('exec: SIGTERM and SIGINT reach the child; its signal death is passed on', async t => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const dir = tempFolder('awscache-sig-')
    const script = `trap 'echo got-${signal} > ${dir}/got; exit 42' ${signal.slice(3)}; echo ready > ${dir}/ready; while :; do sleep 0.1; done`
    const child = spawn(process.execPath, [BIN, 'exec', 'sso-dev', '--', 'sh', '-c', script], {
      env: cleanEnv(home),
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
    for (let i = 0; i < 200 && !existsSync(join(dir, 'ready')); i++) await sleep(50)
    t.ok(existsSync(join(dir, 'ready')), 'the child started')
    child.kill(signal)
    t.equal(await exited, 42, `the child's exit code after ${signal}`)
    t.equal(readFileSync(join(dir, 'got'), 'utf8'), `got-${signal}\n`)
  }
  // a child killed by a signal: awscache dies of the same signal
  const killed = spawn(process.execPath, [BIN, 'exec', 'sso-dev', '--', 'sh', '-c', 'kill -TERM $$'], {
    env: cleanEnv(home),
    stdio: 'ignore',
  })
  const [code, sig] = await new Promise<[number | null, string | null]>(resolve =>
    killed.on('exit', (c, s) => resolve([c, s])),
  )
  t.same([code, sig], [null, 'SIGTERM'])
})

t.test('status: which session the environment uses', async t => {
  const c = cached(SSO)
  const none = await awscacheInProcess(home, ['status'])
  t.same([none.status, none.stdout], [3, ''])
  t.match(none.stderr, /no AWS_ACCESS_KEY_ID in this environment/)
  const stranger = await awscacheInProcess(home, ['status'], { AWS_ACCESS_KEY_ID: 'AKIASTATIC' })
  t.same([stranger.status, stranger.stdout], [3, ''])
  t.match(stranger.stderr, /AKIASTATIC belongs to no cached session/)
  const active = await awscacheInProcess(home, ['status'], { AWS_ACCESS_KEY_ID: c.AccessKeyId as string })
  t.equal(active.status, 0)
  t.match(active.stdout, /^sso-dev \(111122223333 Developer\): (\d+h )?\d+m left\n$/)
  const json = await awscacheInProcess(home, ['status', '--json'], { AWS_ACCESS_KEY_ID: c.AccessKeyId as string })
  t.match(JSON.parse(json.stdout), { id: SSO, profiles: ['sso-dev'], active: true, expired: false })
  t.notMatch(json.stdout, new RegExp(c.SecretAccessKey!.replace(/[+/]/g, '.')))

  // every entry: status describes the one in use as list --json describes it (status finds its
  // profiles without hashing every key: the role the entry names first)
  // all at one moment (cli/inputs.ts reads the clock once a run): expiresInSeconds would differ
  // whenever a second passed between the list and a status
  const clock = Date.now
  const moment = clock()
  Date.now = () => moment
  try {
    const listed = JSON.parse((await awscacheInProcess(home, ['list', '--json', '--all'])).stdout) as {
      id: string
      accessKeyId: string | null
    }[]
    for (const record of listed.filter(r => r.accessKeyId !== null)) {
      const r = await awscacheInProcess(home, ['status', '--json'], {
        AWS_ACCESS_KEY_ID: record.accessKeyId as string,
      })
      t.same(JSON.parse(r.stdout), { ...record, active: true }, `status of ${record.id}`)
    }
    t.ok(listed.filter(r => r.accessKeyId !== null).length >= 2, 'an assume-role and an SSO session')
  } finally {
    Date.now = clock
  }

  const h2 = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(h2), `${SSO}.json`), Date.now() - 1000)
  const expired = await awscacheInProcess(h2, ['status'], {
    AWS_ACCESS_KEY_ID: JSON.parse(readFileSync(join(cacheDirOf(h2), `${SSO}.json`), 'utf8')).Credentials.AccessKeyId,
  })
  t.equal(expired.status, 4)
  // a failure: the line is a message, stdout stays empty (with --json too)
  t.equal(expired.stdout, '')
  t.match(expired.stderr, /^awscache: sso-dev .*expired at/)
  t.match(expired.stderr, /aws --profile sso-dev sts get-caller-identity/)
  const expiredJson = await awscacheInProcess(h2, ['status', '--json'], {
    AWS_ACCESS_KEY_ID: JSON.parse(readFileSync(join(cacheDirOf(h2), `${SSO}.json`), 'utf8')).Credentials.AccessKeyId,
  })
  t.same([expiredJson.status, expiredJson.stdout], [4, ''])
})

t.test('list marks the active session', async t => {
  const c = cached(MFA)
  const json = JSON.parse(
    (await awscacheInProcess(home, ['list', '--json'], { AWS_ACCESS_KEY_ID: c.AccessKeyId as string })).stdout,
  ) as { id: string; active: boolean }[]
  t.same(
    json.map(r => [r.id, r.active]).filter(([, a]) => a),
    [[MFA, true]],
  )
  const table = (await awscacheInProcess(home, ['list'], { AWS_ACCESS_KEY_ID: c.AccessKeyId as string })).stdout
  t.match(table, /^PROFILE .* LEFT\s+ACTIVE$/m)
  t.match(table, /^some-role-requiring-mfa .*\*$/m)
  t.notMatch((await awscacheInProcess(home, ['list'])).stdout, /ACTIVE/)
})

t.test('--refresh: static keys exit 3 without running aws; aws missing from PATH is exit 1', async t => {
  const bin = tempFolder('awscache-noaws-')
  const env = { PATH: `${bin}:${join(process.execPath, '..')}` }
  const marker = join(bin, 'aws-ran')
  // a redirection, not touch: this PATH holds the stand-in's folder and node's, which may have no touch
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\n: > '${marker}'\nexit 1\n`, { mode: 0o755 })
  const staticKeys = await awscacheInProcess(home, ['env', 'my-iam-profile', '--refresh'], env)
  t.same([staticKeys.status, staticKeys.stdout], [3, ''])
  t.notOk(existsSync(marker), 'aws was not run')

  const h2 = fixtureHome('aws-cli-v2-home')
  setExpiration(join(cacheDirOf(h2), `${MFA}.json`), Date.now() - 1000)
  const failing = await awscacheInProcess(h2, ['env', 'some-role-requiring-mfa', '--refresh'], env)
  t.same([failing.status, failing.stdout], [1, ''])
  t.ok(existsSync(marker), 'aws was run')
  t.match(failing.stderr, /aws --profile some-role-requiring-mfa sts get-caller-identity failed \(exit 1\)/)

  const noAws = await awscacheInProcess(h2, ['env', 'some-role-requiring-mfa', '--refresh'], {
    PATH: join(process.execPath, '..') === '/usr/bin' ? tempFolder('x') : join(process.execPath, '..'),
  })
  t.same([noAws.status, noAws.stdout], [1, ''])
  t.match(noAws.stderr, /the aws command is not on PATH/)

  const short = await awscacheInProcess(home, ['env', 'sso-dev', '--min-remaining', '2h'])
  t.same([short.status, short.stdout], [4, ''])
  t.match(short.stderr, /less than --min-remaining 2h/)
  t.equal((await awscacheInProcess(home, ['env', 'sso-dev', '--min-remaining', '10m'])).status, 0)
  t.equal((await awscacheInProcess(home, ['env', 'sso-dev', '--min-remaining', 'x'])).status, 2)
})
