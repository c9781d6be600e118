import type { Credentials } from '../cache/entry.js'
import { sqlLiteral, sqlLiteralBackslash } from './quote.js'
import { AwscacheError, EXIT } from '../errors.js'

export interface SqlInputs {
  credentials: Credentials
  /** the name the user asked for: names DuckDB's secret */
  name: string
  /** the profile's own `region`, if any */
  region: string | undefined
}

export interface SqlDialect {
  description: string
  render: (i: SqlInputs) => string
}

// Inside Redshift's CREDENTIALS '…' string, ; separates the parts (a part
// splits at its first =, so base64 padding in a token is fine).
const credentialPart = (value: string): string => {
  if (value.includes(';')) {
    throw new AwscacheError(
      'a value holds ";", which a Redshift CREDENTIALS string cannot carry; nothing printed',
      EXIT.error,
    )
  }
  return value
}

export const duckdbSecretName = (name: string): string => `awscache_${name.replace(/[^A-Za-z0-9_]/g, '_')}`

// One entry per --dialect value, like ENV_FORMATS.
export const SQL_DIALECTS = {
  redshift: {
    description: "ACCESS_KEY_ID '…' SECRET_ACCESS_KEY '…' SESSION_TOKEN '…' (COPY/UNLOAD)",
    render: ({ credentials: c }) =>
      `ACCESS_KEY_ID ${sqlLiteralBackslash(c.accessKeyId)} SECRET_ACCESS_KEY ${sqlLiteralBackslash(c.secretAccessKey)} SESSION_TOKEN ${sqlLiteralBackslash(c.sessionToken)}`,
  },
  'redshift-credentials': {
    description: "CREDENTIALS 'aws_access_key_id=…;aws_secret_access_key=…;token=…'",
    render: ({ credentials: c }) =>
      `CREDENTIALS ${sqlLiteralBackslash(
        `aws_access_key_id=${credentialPart(c.accessKeyId)};aws_secret_access_key=${credentialPart(c.secretAccessKey)};token=${credentialPart(c.sessionToken)}`,
      )}`,
  },
  snowflake: {
    description: "CREDENTIALS = (AWS_KEY_ID = '…' AWS_SECRET_KEY = '…' AWS_TOKEN = '…')",
    render: ({ credentials: c }) =>
      `CREDENTIALS = (AWS_KEY_ID = ${sqlLiteralBackslash(c.accessKeyId)} AWS_SECRET_KEY = ${sqlLiteralBackslash(c.secretAccessKey)} AWS_TOKEN = ${sqlLiteralBackslash(c.sessionToken)})`,
  },
  duckdb: {
    description: 'CREATE OR REPLACE SECRET awscache_<profile> (TYPE s3, …);',
    render: ({ credentials: c, name, region }) =>
      `CREATE OR REPLACE SECRET ${duckdbSecretName(name)} (TYPE s3, KEY_ID ${sqlLiteral(c.accessKeyId)}, SECRET ${sqlLiteral(c.secretAccessKey)}, SESSION_TOKEN ${sqlLiteral(c.sessionToken)}${region ? `, REGION ${sqlLiteral(region)}` : ''});`,
  },
} satisfies Record<string, SqlDialect>

export type SqlDialectName = keyof typeof SQL_DIALECTS

export const formatSql = (dialect: SqlDialectName, inputs: SqlInputs): string =>
  SQL_DIALECTS[dialect].render(inputs) + '\n'
