import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { tempFolder } from '../helpers/temp.js'

const files = (config: string | null, credentials: string | null) => {
  const dir = tempFolder('awscache-profiles-')
  const configFile = join(dir, 'config')
  const credentialsFile = join(dir, 'credentials')
  if (config !== null) writeFileSync(configFile, config)
  if (credentials !== null) writeFileSync(credentialsFile, credentials)
  return { configFile, credentialsFile }
}

const plain = (m: Map<string, Record<string, string>>) => Object.fromEntries([...m].map(([k, v]) => [k, { ...v }]))

t.test('section titles become profiles and sso-sessions as botocore maps them', async t => {
  const c = loadAwsConfig(
    files(
      [
        '[default]',
        'region=a',
        '[profile dev]',
        'region=b',
        '[profile "two words"]',
        'region=c',
        '[profile]',
        'region=ignored',
        '[profile a b c]',
        'region=ignored',
        '[profile "unclosed]',
        'region=ignored',
        '[profilefoo bar]',
        'region=quirk',
        '[sso-session acme]',
        'sso_region=us-east-1',
        '[services x]',
        'y=1',
        '[plain]',
        'region=ignored',
      ].join('\n'),
      null,
    ),
  )
  t.same([...c.profiles.keys()].sort(), ['bar', 'default', 'dev', 'two words'])
  t.same(plain(c.ssoSessions), { acme: { sso_region: 'us-east-1' } })
  t.same(c.warnings, [])
})

t.test('credentials-file sections are merged over the config profiles', async t => {
  const c = loadAwsConfig(
    files(
      '[profile dev]\nregion=b\nrole_arn=from-config\n',
      '[dev]\nrole_arn=from-credentials\n[other]\nx=1\n[profile dev]\ny=1\n',
    ),
  )
  t.same(plain(c.profiles), {
    dev: { region: 'b', role_arn: 'from-credentials' },
    other: { x: '1' },
    'profile dev': { y: '1' },
  })
})

t.test('missing files are a fresh machine: no profiles, no warning', async t => {
  const c = loadAwsConfig(files(null, null))
  t.equal(c.profiles.size, 0)
  t.same(c.warnings, [])
})

t.test('a file the AWS CLI would refuse: one warning per file, the rest read', async t => {
  const c = loadAwsConfig(files('[profile a]\nx=1\nx=2\n[profile a]\n', '\ufeff[b]\ny=1\n'))
  t.equal(c.warnings.length, 2)
  t.match(
    c.warnings[0],
    /^config file .*config: the AWS CLI would refuse this file: line 3: option "x" appears twice in \[profile a\] \(and 1 more\)/,
  )
  t.match(
    c.warnings[1],
    /^credentials file .*: the AWS CLI would refuse this file: starts with a UTF-8 byte-order mark/,
  )
  t.same(plain(c.profiles), { a: { x: '2' }, b: { y: '1' } })
})

t.test('invalid UTF-8 is reported and decoded with replacement', async t => {
  const paths = files(null, null)
  writeFileSync(paths.configFile, Buffer.from([...Buffer.from('[profile a]\nx='), 0xff, 0x0a]))
  const c = loadAwsConfig(paths)
  t.match(c.warnings, [/not valid UTF-8/])
  t.equal(c.profiles.get('a')?.x, '\ufffd')
  // first, and counted with the parser's problems, however many it kept
  writeFileSync(
    paths.configFile,
    Buffer.concat([Buffer.from('[profile a]\n' + 'x=1\n'.repeat(30)), Buffer.from([0xff])]),
  )
  t.match(loadAwsConfig(paths).warnings, [
    /would refuse this file: not valid UTF-8 \(and 30 more\); read what could be read$/,
  ])
})

t.test('a folder where a file should be: warned, read as empty', async t => {
  const paths = files(null, null)
  mkdirSync(paths.configFile)
  const c = loadAwsConfig(paths)
  t.match(c.warnings, [/config file .*: is a folder; read as empty/])
})
