import t from 'tap'
import { formatSql, duckdbSecretName, SQL_DIALECTS } from '../../lib/output/sql-dialects.js'

const credentials = {
  accessKeyId: 'AKID',
  secretAccessKey: "se'c\\ret",
  sessionToken: 'tok==',
  expiration: 0,
}

t.test('each dialect, byte for byte', async t => {
  t.same(Object.keys(SQL_DIALECTS), ['redshift', 'redshift-credentials', 'snowflake', 'duckdb'])
  const i = { credentials, name: 'my-role', region: 'eu-west-1' }
  t.equal(formatSql('redshift', i), "ACCESS_KEY_ID 'AKID' SECRET_ACCESS_KEY 'se''c\\\\ret' SESSION_TOKEN 'tok=='\n")
  t.equal(
    formatSql('redshift-credentials', i),
    "CREDENTIALS 'aws_access_key_id=AKID;aws_secret_access_key=se''c\\\\ret;token=tok=='\n",
  )
  t.equal(
    formatSql('snowflake', i),
    "CREDENTIALS = (AWS_KEY_ID = 'AKID' AWS_SECRET_KEY = 'se''c\\\\ret' AWS_TOKEN = 'tok==')\n",
  )
  t.equal(
    formatSql('duckdb', i),
    "CREATE OR REPLACE SECRET awscache_my_role (TYPE s3, KEY_ID 'AKID', SECRET 'se''c\\ret', SESSION_TOKEN 'tok==', REGION 'eu-west-1');\n",
  )
  t.equal(
    formatSql('duckdb', { ...i, region: undefined }),
    "CREATE OR REPLACE SECRET awscache_my_role (TYPE s3, KEY_ID 'AKID', SECRET 'se''c\\ret', SESSION_TOKEN 'tok==');\n",
  )
})

t.test('duckdb secret names keep letters, digits and _ only', async t => {
  t.equal(duckdbSecretName('a.b c-d_é9'), 'awscache_a_b_c_d__9')
})

t.test('a ; cannot go inside a Redshift CREDENTIALS string', async t => {
  t.throws(
    () =>
      formatSql('redshift-credentials', {
        credentials: { ...credentials, sessionToken: 'a;b' },
        name: 'x',
        region: undefined,
      }),
    { exitCode: 1, message: /";"/ },
  )
})
