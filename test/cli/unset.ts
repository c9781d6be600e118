import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'
import { tempFolder } from '../helpers/temp.js'

const home = tempFolder('awscache-unset-')
writeFileSync(join(home, 'config'), '')

t.test('the session variables present, in each format', async t => {
  const env = {
    AWS_ACCESS_KEY_ID: 'ASIAX',
    AWS_SESSION_TOKEN: 'TOKEN-VALUE',
    AWSCACHE_EXPIRES: '1',
    AWS_OTHER_THING: 'x',
  }
  const sh = await awscacheInProcess(home, ['unset'], env)
  t.equal(sh.status, 0)
  t.equal(sh.stdout, 'unset AWS_ACCESS_KEY_ID AWS_SESSION_TOKEN AWSCACHE_EXPIRES\n')
  t.match(sh.stderr, /AWS_SESSION_TOKEN\s+\(hidden, 11 characters\)/)
  t.notMatch(sh.stderr, /TOKEN-VALUE/)
  t.equal(
    (await awscacheInProcess(home, ['unset', '--format', 'fish'], env)).stdout,
    'set -e AWS_ACCESS_KEY_ID\nset -e AWS_SESSION_TOKEN\nset -e AWSCACHE_EXPIRES\n',
  )
  t.equal(
    (await awscacheInProcess(home, ['unset', '-f', 'powershell'], { AWS_PROFILE: 'p' })).stdout,
    'Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n',
  )
  t.equal(
    (await awscacheInProcess(home, ['unset', '--all'], env)).stdout,
    'unset AWSCACHE_EXPIRES AWS_ACCESS_KEY_ID AWS_OTHER_THING AWS_SESSION_TOKEN\n',
  )
})

t.test('AWS_ACCOUNT_ID is a session variable; --format windows-cmd', async t => {
  const env = { AWS_ACCESS_KEY_ID: 'ASIAX', AWS_ACCOUNT_ID: '123456789012', AWS_CA_BUNDLE: '/etc/ca.pem' }
  const sh = await awscacheInProcess(home, ['unset'], env)
  t.equal(sh.stdout, 'unset AWS_ACCESS_KEY_ID AWS_ACCOUNT_ID\n')
  t.match(sh.stderr, /AWS_ACCOUNT_ID\s+123456789012/)
  t.equal(
    (await awscacheInProcess(home, ['unset', '--format', 'windows-cmd'], env)).stdout,
    'set AWS_ACCESS_KEY_ID=\nset AWS_ACCOUNT_ID=\n',
  )
  const kept = await awscacheInProcess(home, ['unset', '-f', 'windows-cmd'], { AWS_CONFIG_FILE: join(home, 'config') })
  t.match(kept.stderr, /run: set AWS_CONFIG_FILE=\n/)
})

t.test('nothing set: nothing to evaluate', async t => {
  const r = await awscacheInProcess(home, ['unset'])
  t.same([r.status, r.stdout], [0, ''])
  t.match(r.stderr, /no AWS variables to unset/)
})

t.test('AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE kept while their file exists', async t => {
  const r = await awscacheInProcess(home, ['unset', '--all'], {
    AWS_CONFIG_FILE: '~/config',
    AWS_SHARED_CREDENTIALS_FILE: '$HOME/gone',
  })
  t.equal(r.stdout, 'unset AWS_SHARED_CREDENTIALS_FILE\n')
  t.match(
    r.stderr,
    /kept AWS_CONFIG_FILE='~\/config': that file exists; to unset it anyway, run: unset AWS_CONFIG_FILE/,
  )
  const fish = await awscacheInProcess(home, ['unset', '-f', 'fish'], { AWS_CONFIG_FILE: join(home, 'config') })
  t.equal(fish.stdout, '')
  t.match(fish.stderr, /run: set -e AWS_CONFIG_FILE/)
})

t.test('names no shell can carry are never printed into code', async t => {
  const r = await awscacheInProcess(home, ['unset', '--all'], { 'AWS_X;touch /tmp/p': '1', AWS_OK: '1' })
  t.equal(r.stdout, 'unset AWS_OK\n')
})

t.test('machine settings are kept without --all, and stderr says which (one line)', async t => {
  const env = {
    AWS_ACCESS_KEY_ID: 'ASIAX',
    AWS_PROFILE: 'p',
    AWS_DEFAULT_PROFILE: 'p',
    AWS_REGION: 'r',
    AWS_DEFAULT_REGION: 'r',
    AWS_SESSION_EXPIRATION: 'e',
    AWSCACHE_PROFILE: 'p',
    AWS_CA_BUNDLE: '/etc/proxy-ca.pem',
    AWS_ENDPOINT_URL: 'http://localhost:4566',
    AWS_ENDPOINT_URL_S3: 'http://s3',
    AWS_METADATA_SERVICE_TIMEOUT: '5',
    AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DEFAULT_OUTPUT: 'json',
  }
  const machine = [
    'AWS_CA_BUNDLE',
    'AWS_DEFAULT_OUTPUT',
    'AWS_EC2_METADATA_DISABLED',
    'AWS_ENDPOINT_URL',
    'AWS_ENDPOINT_URL_S3',
    'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
    'AWS_METADATA_SERVICE_TIMEOUT',
  ]
  const r = await awscacheInProcess(home, ['unset'], env)
  t.equal(r.status, 0)
  t.equal(
    r.stdout,
    'unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SESSION_EXPIRATION AWS_REGION AWS_DEFAULT_REGION AWSCACHE_PROFILE\n',
  )
  t.equal(r.stderr.split('\n').filter(l => l.includes('kept')).length, 1, 'one line')
  t.match(
    r.stderr,
    `awscache: kept ${machine.join(' ')}: not session variables (awscache unset --all unsets them too)\n`,
  )
  const all = await awscacheInProcess(home, ['unset', '--all'], env)
  t.equal(
    all.stdout,
    `unset AWSCACHE_PROFILE ${Object.keys(env)
      .filter(n => n.startsWith('AWS_'))
      .sort()
      .join(' ')}\n`,
  )
  t.notMatch(all.stderr, /kept/)
  // only machine settings present: nothing to unset, and what was kept
  const only = await awscacheInProcess(home, ['unset', '-f', 'fish'], { AWS_CA_BUNDLE: '/etc/proxy-ca.pem' })
  t.same([only.status, only.stdout], [0, ''])
  t.match(only.stderr, /no AWS variables to unset\n.*kept AWS_CA_BUNDLE: not session variables/)
})

t.test('--ask (awscache-clear): no terminal to ask on prints nothing; -y does not ask; -m no colour', async t => {
  const env = { AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SESSION_TOKEN: 'TOKEN-VALUE' }
  const noTerminal = await awscacheInProcess(home, ['unset', '--ask'], env)
  t.same([noTerminal.status, noTerminal.stdout], [1, ''])
  t.match(noTerminal.stderr, /AWS_SESSION_TOKEN\s+\(hidden, 11 characters\)/, 'the list comes first')
  t.match(noTerminal.stderr, /^awscache: no terminal to ask on, so nothing was unset \(-y unsets without asking\)$/m)
  const yes = await awscacheInProcess(home, ['unset', '--ask', '-y', '-m', '--color'], env)
  t.same([yes.status, yes.stdout], [0, 'unset AWS_ACCESS_KEY_ID AWS_SESSION_TOKEN\n'])
  t.notMatch(yes.stderr, /\x1b\[/, '-m wins over --color')
  t.match((await awscacheInProcess(home, ['unset', '--color'], env)).stderr, /\x1b\[33m/, '--color colours the names')
  const nothing = await awscacheInProcess(home, ['unset', '--ask'])
  t.same([nothing.status, nothing.stdout], [0, ''], 'nothing to unset: nothing to ask')
  const bad = await awscacheInProcess(home, ['unset', '--ask', '-x'], env)
  t.same([bad.status, bad.stdout], [2, ''], 'awscache-clear -x: a usage error')
})
