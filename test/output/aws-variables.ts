import t from 'tap'
import { maskedValue } from '../../lib/output/aws-variables.js'

t.test('unset --all: a variable that sounds secret is masked, paths and ids are shown', async t => {
  for (const name of [
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_BEARER_TOKEN_BEDROCK',
    'AWS_SECRET_ACCESS_KEY_OLD',
    'AWS_DB_PASSWORD',
    'AWS_MY_CREDENTIALS',
  ]) {
    t.equal(maskedValue(name, 'hunter2'), '(hidden, 7 characters)', name)
  }
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_REGION',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_PROFILE',
  ]) {
    t.equal(maskedValue(name, 'shown'), 'shown', name)
  }
})
