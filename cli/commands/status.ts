import type { CommandDef } from '../command-def.js'
import { AwscacheError, EXIT, ExpiredSessionError } from '../../lib/errors.js'
import { formatLeft } from '../../lib/output/left.js'
import { freshSessionHint, listSessions } from '../../lib/sessions/sessions.js'
import { isActiveEntry, isSessionRecord } from '../../lib/sessions/session-record.js'
import { cacheInputs, type GlobalArgs } from '../inputs.js'
import { output, outputJson, printable, warn } from '../io.js'
import { addLogins } from '../session-logins.js'
import { sessionLoginLapsed } from '../../lib/logins/logins.js'

export interface StatusArgs extends GlobalArgs {
  json: boolean
}

export const definition: CommandDef = {
  name: 'status',
  describe: "Say which cached session this shell's AWS_ACCESS_KEY_ID belongs to",
  positionals: [],
  options: {
    json: { type: 'boolean', default: false, describe: 'print the session as a JSON object (list --json fields)' },
  },
  examples: [['$0 status', 'profile, account, role and time left of the session in use']],
}

export const handler = (argv: StatusArgs): void => {
  const inputs = cacheInputs(argv)
  const keyId = inputs.env.AWS_ACCESS_KEY_ID
  if (!keyId) {
    throw new AwscacheError(
      'no AWS_ACCESS_KEY_ID in this environment: no session is in use (awscache-use P sets one)',
      EXIT.noSession,
    )
  }
  const { sessions, warnings, config } = listSessions(inputs, {
    logins: true,
    only: entry => isActiveEntry(entry, keyId),
  })
  warnings.forEach(warn)
  const record = sessions.map(s => s.record).find(r => isSessionRecord(r) && r.active)
  if (!record || !isSessionRecord(record)) {
    throw new AwscacheError(
      `AWS_ACCESS_KEY_ID ${keyId} belongs to no cached session (static keys, or a session from elsewhere)`,
      EXIT.noSession,
    )
  }
  const who = record.profiles.length ? record.profiles.join(', ') : `entry ${record.id}`
  const role = [record.accountId, record.roleName].filter(Boolean).join(' ')
  // a failure, so its line is a message and stdout stays empty
  if (record.expired)
    throw new ExpiredSessionError(
      `${who}${role ? ` (${role})` : ''}:`,
      record.expiration,
      freshSessionHint(record.profiles, record.type),
    )
  const logins = addLogins([record], config, inputs.env, inputs.now)
  logins.warnings.forEach(warn)
  // still valid: the session works, but its login will not give another
  if (sessionLoginLapsed(record)) logins.lapsedNotes.forEach(warn)
  if (argv.json) outputJson(record)
  // a line for a person: names from the config and the entry, never their control characters
  else output(`${printable(`${who}${role ? ` (${role})` : ''}`)}: ${formatLeft(record.expiresInSeconds)} left\n`)
}
