import { join } from 'node:path'
import t from 'tap'
import { indexProfiles, profilesByKey, profilesOfKey } from '../../lib/aws/profile-index.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { FIXTURES } from '../helpers/home.js'

// the real CLI's homes: assume-role (with and without MFA, chained), SSO, refused twins
const indexOf = (home: string) =>
  indexProfiles(
    loadAwsConfig({
      configFile: join(FIXTURES, home, '.aws', 'config'),
      credentialsFile: join(FIXTURES, home, '.aws', 'credentials'),
    }),
    {},
  )

t.test('profilesOfKey finds what profilesByKey maps, whichever texts it tries first', async t => {
  for (const home of ['aws-cli-v1-home', 'aws-cli-v2-home', 'aws-cli-v2-latest-home']) {
    const index = indexOf(home)
    const byKey = profilesByKey(index)
    t.ok(byKey.size > 0, `${home}: profiles with sessions`)
    for (const [key, profiles] of byKey) {
      t.same(
        profilesOfKey(index, key, () => false),
        profiles,
        `${home} ${key}: none tried first`,
      )
      t.same(
        profilesOfKey(index, key, () => true),
        profiles,
        `${home} ${key}: all tried first`,
      )
      t.same(
        profilesOfKey(index, key, text => text.length % 2 === 0),
        profiles,
        `${home} ${key}: some first`,
      )
    }
    t.equal(
      profilesOfKey(index, '0'.repeat(40), () => true),
      undefined,
      `${home}: no profile's key`,
    )
  }
})
