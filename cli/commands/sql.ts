import { SQL_DIALECTS, formatSql, type SqlDialectName } from '../../lib/output/sql-dialects.js'
import { PROFILE_ARGUMENT, tableOption, type CommandDef } from '../command-def.js'
import { output, warn } from '../io.js'
import { sessionForUse } from '../session-for-use.js'
import { SESSION_OPTIONS, type SessionArgs } from '../session-options.js'

export interface SqlArgs extends SessionArgs {
  dialect: SqlDialectName
}

export const definition: CommandDef = {
  name: 'sql',
  describe: "Print a profile's cached credentials as a SQL clause for reading or writing S3",
  positionals: [PROFILE_ARGUMENT],
  options: {
    ...SESSION_OPTIONS,
    dialect: tableOption<SqlDialectName>(SQL_DIALECTS, 'redshift', 'd', 'SQL dialect'),
  },
  examples: [
    ['$0 sql my-role', "for COPY … FROM 's3://…' in Redshift"],
    ['$0 sql my-role --dialect duckdb | duckdb', 'a DuckDB secret for s3:// paths'],
  ],
}

export const handler = async (argv: SqlArgs): Promise<void> => {
  const found = await sessionForUse(argv)
  const text = formatSql(argv.dialect, {
    credentials: found.entry.credentials,
    name: argv.profile,
    region: found.settings?.region,
  })
  found.warnings.forEach(warn)
  output(text)
}
