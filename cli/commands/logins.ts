import type { CommandDef } from '../command-def.js'
import { COLOR_OPTION } from '../global-options.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { nearestNames } from '../../lib/sessions/nearest-names.js'
import { shellWord } from '../../lib/output/shell-words.js'
import {
  lapsed,
  listLogins,
  loginCommand,
  loginFolders,
  loginOfProfileRead,
  loginPermissionWarnings,
  type LoginRecord,
} from '../../lib/logins/logins.js'
import { profilesByLogin, loginRefKey } from '../../lib/logins/login-of-profile.js'
import { cacheInputs, home, useColor, type GlobalArgs } from '../inputs.js'
import { output, outputJson, say, warn } from '../io.js'

export interface LoginsArgs extends GlobalArgs {
  profile?: string | undefined
  json: boolean
  all: boolean
}

export const definition: CommandDef = {
  name: 'logins',
  describe: 'List the SSO logins and aws login sessions the AWS CLI has cached, with the profiles that use each',
  positionals: [
    {
      name: 'profile',
      describe: 'only the login this profile depends on (exit 0 valid or renews by itself, 4 expired, 3 none)',
      complete: 'profile',
      missing: 'give a profile name (awscache profiles lists them)',
      optional: true,
    },
  ],
  options: {
    json: {
      type: 'boolean',
      default: false,
      describe: 'print JSON (fields in the README): an array, or one object for a profile',
    },
    all: { type: 'boolean', default: false, describe: 'also show expired and unreadable logins' },
    color: COLOR_OPTION,
  },
  examples: [
    ['$0 logins', 'every login still valid or renewing, with its profiles'],
    ['$0 logins dev >/dev/null || aws sso login --profile dev', 'log in only when the login of dev has lapsed'],
  ],
}

const kindWords = (r: LoginRecord): string => (r.kind === 'sso' ? 'SSO login' : 'aws login session')

const oneProfile = async (argv: LoginsArgs, wanted: string): Promise<void> => {
  const inputs = cacheInputs(argv)
  const config = loadAwsConfig(inputs.paths)
  config.warnings.forEach(warn)
  if (!config.profiles.has(wanted)) {
    const near = nearestNames(wanted, config.profiles.keys())
    throw new AwscacheError(
      `no profile named "${wanted}"`,
      EXIT.noSession,
      near.length ? [`did you mean: ${near.join(', ')}?`] : [],
    )
  }
  const folders = loginFolders(inputs.env, home())
  const byLogin = profilesByLogin(config)
  const found = loginOfProfileRead(
    config,
    wanted,
    folders,
    inputs.now,
    ref => byLogin.get(loginRefKey(ref))?.profiles ?? [wanted],
  )
  if (!found)
    throw new AwscacheError(
      `profile "${wanted}" uses no login (no SSO settings or login_session, itself or down its source_profile chain)`,
      EXIT.noSession,
    )
  const { ref, record } = found
  const again = `to log in, run: ${loginCommand(ref.kind, ref.loginProfile).map(shellWord).join(' ')}`
  if (!record)
    throw new AwscacheError(
      `no cached ${ref.kind === 'sso' ? 'SSO login' : 'aws login session'} "${ref.name}" for profile "${wanted}"`,
      EXIT.noSession,
      [again],
    )
  // only a file that was read holds a secret
  if (record.error === null) {
    loginPermissionWarnings(folders, [
      { file: record.file, mode: null, folder: ref.kind === 'sso' ? folders.ssoDir : folders.loginDir },
    ]).forEach(warn)
  }
  if (record.error !== null)
    throw new AwscacheError(`${kindWords(record)} ${record.file} cannot be read: ${record.error}`, EXIT.error)
  const { loginCells } = await import('../logins-table.js')
  if (lapsed(record)) {
    const cells = loginCells(record)
    throw new AwscacheError(
      `the ${kindWords(record)} "${record.name}" of profile "${wanted}" expired at ${cells.expires} and does not renew by itself`,
      EXIT.expired,
      [again.replace('to log in', 'to log in again')],
    )
  }
  if (argv.json) {
    outputJson(record)
    return
  }
  const { loginLine } = await import('../logins-table.js')
  output(loginLine(record))
}

export const handler = async (argv: LoginsArgs): Promise<void> => {
  if (argv.profile !== undefined) return oneProfile(argv, argv.profile)
  const inputs = cacheInputs(argv)
  const config = loadAwsConfig(inputs.paths)
  config.warnings.forEach(warn)
  const folders = loginFolders(inputs.env, home())
  const { logins, files, warnings } = listLogins(config, folders, inputs.now)
  warnings.forEach(warn)
  loginPermissionWarnings(folders, files).forEach(warn)
  const shown = logins.filter(r => {
    if (argv.all) return true
    if (r.error !== null) warn(`skipped ${r.file}: ${r.error}`)
    return r.error === null && !lapsed(r)
  })
  if (argv.json) {
    outputJson(shown)
    return
  }
  // a header and nothing under it tells a new user nothing (the JSON stays [] and quiet, for scripts)
  if (!logins.length) {
    say(
      `no logins cached: neither ${folders.ssoDir} nor ${folders.loginDir} holds one; aws sso login --profile P (or aws login --profile P) makes one`,
    )
  }
  const { renderLoginsTable } = await import('../logins-table.js')
  output(renderLoginsTable(shown, await useColor(argv)))
}
