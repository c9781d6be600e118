import type { Argv, ArgumentsCamelCase } from 'yargs'
import { findSession } from '../../lib/sessions.js'
import { SQL_DIALECTS, formatSql, type SqlDialectName } from '../../lib/sql-dialects.js'
import { cacheInputs, type GlobalArgs } from '../inputs.js'
import { output, warn } from '../io.js'
import { choicesHelp, profileArgument, type ProfileArgs } from '../shared-options.js'

export const command = 'sql <profile>'
export const describe = "Print a profile's cached credentials as a SQL clause for reading or writing S3"

interface SqlArgs extends ProfileArgs {
  dialect: SqlDialectName
}

export const builder = (y: Argv<GlobalArgs>): Argv<SqlArgs> =>
  profileArgument(y)
    .option('dialect', {
      alias: 'd',
      choices: Object.keys(SQL_DIALECTS) as SqlDialectName[],
      default: 'redshift' as SqlDialectName,
      describe: `SQL dialect:\n${choicesHelp(SQL_DIALECTS)}`,
    })
    .example("$0 sql my-role", "for COPY … FROM 's3://…' in Redshift")
    .example('$0 sql my-role --dialect duckdb | duckdb', 'a DuckDB secret for s3:// paths')

export const handler = (argv: ArgumentsCamelCase<SqlArgs>): void => {
  const found = findSession(argv.profile, cacheInputs(argv))
  const text = formatSql(argv.dialect, {
    credentials: found.entry.credentials,
    name: argv.profile,
    region: found.settings?.region,
  })
  found.warnings.forEach(warn)
  output(text)
}
