import type { Argv, ArgumentsCamelCase } from 'yargs'
import { SQL_DIALECTS, formatSql, type SqlDialectName } from '../../lib/sql-dialects.js'
import type { GlobalArgs } from '../inputs.js'
import { output, warn } from '../io.js'
import { sessionForUse, sessionOptions, type SessionArgs } from '../session-for-use.js'
import { profileArgument, tableOption } from '../shared-options.js'

export const command = 'sql <profile>'
export const describe = "Print a profile's cached credentials as a SQL clause for reading or writing S3"

interface SqlArgs extends SessionArgs {
  dialect: SqlDialectName
}

export const builder = (y: Argv<GlobalArgs>): Argv<SqlArgs> =>
  sessionOptions(profileArgument(y))
    .option('dialect', tableOption<SqlDialectName>(SQL_DIALECTS, 'redshift', 'd', 'SQL dialect'))
    .example("$0 sql my-role", "for COPY … FROM 's3://…' in Redshift")
    .example('$0 sql my-role --dialect duckdb | duckdb', 'a DuckDB secret for s3:// paths')

export const handler = async (argv: ArgumentsCamelCase<SqlArgs>): Promise<void> => {
  const found = await sessionForUse(argv)
  const text = formatSql(argv.dialect, {
    credentials: found.entry.credentials,
    name: argv.profile,
    region: found.settings?.region,
  })
  found.warnings.forEach(warn)
  output(text)
}
