// A profile the AWS CLI refuses gets no session (issue 14, rule 8), even
// when a valid profile with the same role settings has one: env, sql, exec
// and rm say why in one line and exit 3, list does not name it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { awscache, cacheDirOf, fixtureHome } from '../helpers/home.js'
import { awscacheInProcess } from '../helpers/in-process.js'

// readonly's entry in the fixture: {"RoleArn": "arn:aws:iam::123456789999:role/readonly"}
const READONLY_ID = '84c540fe22a42ae0a7a9b6e9fba8785d8cb19b69'
const SSO_ID = '3bb1ad0606315a2d0327168fa7674d716cba411a'

// each a twin of readonly or sso-dev, refused by the CLI
const REFUSED: Record<string, { text: string; reason: string }> = {
  'readonly-commented': {
    text: 'role_arn = arn:aws:iam::123456789999:role/readonly\nsource_profile = my-iam-profile # main account',
    reason: 'source_profile "my-iam-profile # main account" is not a profile',
  },
  'readonly-ci': {
    text: 'role_arn = arn:aws:iam::123456789999:role/readonly\ncredential_source = environment',
    reason: 'credential_source "environment" is not one of Environment, Ec2InstanceMetadata, EcsContainer',
  },
  'readonly-loop': {
    text: 'role_arn = arn:aws:iam::123456789999:role/readonly\nsource_profile = readonly-loop',
    reason: 'source_profile chain loops: "readonly-loop" -> "readonly-loop"',
  },
  'sso-dev-elsewhere': {
    text: 'sso_session = acme\nsso_account_id = 111122223333\nsso_role_name = Developer\nsso_region = eu-west-1',
    reason: 'sso_region is "eu-west-1" in the profile but "us-east-1" in [sso-session "acme"]',
  },
}

const homeWithRefusedTwins = (): string => {
  const home = fixtureHome('aws-cli-v2-home')
  const config = join(home, '.aws', 'config')
  const extra = Object.entries(REFUSED)
    .map(([name, { text }]) => `\n[profile ${name}]\n${text}\n`)
    .join('')
  writeFileSync(config, readFileSync(config, 'utf8') + extra)
  return home
}

const oneLine = (stderr: string): string[] => stderr.trimEnd().split('\n')

t.test('env, sql, exec and rm: exit 3, the reason in one line, stdout empty', async t => {
  const home = homeWithRefusedTwins()
  for (const [name, { reason }] of Object.entries(REFUSED)) {
    const expected = `awscache: profile "${name}" has no session: the AWS CLI refuses it: ${reason}`
    for (const args of [
      ['env', name],
      ['env', name, '--refresh'],
      ['sql', name],
      ['exec', name, '--', 'true'],
      ['rm', name],
    ]) {
      const r = await awscacheInProcess(home, args)
      t.same([r.status, r.stdout], [3, ''], args.join(' '))
      t.same(oneLine(r.stderr), [expected], `${args.join(' ')}: one line`)
    }
  }
  t.ok(existsSync(join(cacheDirOf(home), `${READONLY_ID}.json`)), "rm left the valid twin's entry alone")
  t.ok(existsSync(join(cacheDirOf(home), `${SSO_ID}.json`)))
  t.equal((await awscacheInProcess(home, ['env', 'readonly'])).status, 0, 'the valid twin still has its session')
})

t.test("list: a refused profile is no entry's profile", async t => {
  const home = homeWithRefusedTwins()
  const r = await awscacheInProcess(home, ['list', '--json'])
  t.equal(r.status, 0)
  t.equal(r.stderr, '')
  const records = JSON.parse(r.stdout) as { id: string; profiles: string[] }[]
  t.same(records.find(x => x.id === READONLY_ID)?.profiles, ['readonly'])
  t.same(records.find(x => x.id === SSO_ID)?.profiles, ['sso-dev'])
  // without the valid twins the entries belong to nobody
  const config = join(home, '.aws', 'config')
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('[profile readonly]', '[profile readonly-gone]\nx = 1\n[profile unused]'),
  )
  const gone = JSON.parse((await awscacheInProcess(home, ['list', '--json'])).stdout) as {
    id: string
    profiles: string[]
  }[]
  t.same(
    gone.find(x => x.id === READONLY_ID)?.profiles,
    ['unused'],
    'the renamed valid profile keeps it; no refused twin takes it',
  )
})
