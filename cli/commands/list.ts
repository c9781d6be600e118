import { existsSync } from 'node:fs'
import type { CommandDef } from '../command-def.js'
import { COLOR_OPTION } from '../global-options.js'
import { permissionWarnings } from '../../lib/cache/permissions.js'
import { listSessions } from '../../lib/sessions/sessions.js'
import { cacheInputs, useColor, type GlobalArgs } from '../inputs.js'
import { output, outputJson, say, warn } from '../io.js'
import { autoPrune } from '../auto-prune.js'
import { prune } from '../prune-sessions.js'
import { addLogins } from '../session-logins.js'

export interface ListArgs extends GlobalArgs {
  json: boolean
  all: boolean
  prune: boolean
}

export const definition: CommandDef = {
  name: 'list',
  describe: 'List the cached role sessions and aws login sessions by profile, with the time each has left',
  positionals: [],
  options: {
    json: { type: 'boolean', default: false, describe: 'print a JSON array (fields in the README)' },
    all: { type: 'boolean', default: false, describe: 'also show expired and unreadable entries' },
    prune: { type: 'boolean', default: false, describe: 'remove the expired sessions first (see prune)' },
    color: COLOR_OPTION,
  },
  examples: [
    ['$0 list', 'the unexpired sessions, as a table'],
    [
      "$0 list --json | jq -r '.[] | select(.expiresInSeconds > 3600) | .profiles[]'",
      'profiles with over an hour left',
    ],
  ],
}

export const handler = async (argv: ListArgs): Promise<void> => {
  if (argv.prune && !autoPrune()) process.exitCode = prune({ ...argv, json: false }, true)
  const inputs = cacheInputs(argv)
  const { sessions, warnings, config } = listSessions(inputs, { logins: true })
  warnings.forEach(warn)
  // only the entries that hold a session hold credentials (aws login files: not this folder's)
  const credentials = sessions.filter(s => s.record.error === null && s.record.type !== 'login').map(s => s.entry)
  permissionWarnings({ cacheDir: inputs.paths.cacheDir, entries: credentials }).forEach(warn)
  const shown = sessions
    .map(s => s.record)
    .filter(r => {
      if (argv.all) return true
      if (r.error !== null) warn(`skipped ${r.file}: ${r.error}`)
      return r.error === null && !r.expired
    })
  const logins = addLogins(shown, config, inputs.env, inputs.now)
  logins.warnings.forEach(warn)
  if (argv.json) {
    outputJson(shown)
    return
  }
  if (!sessions.length) say(emptyCache(inputs.paths.cacheDir))
  else if (!shown.length) {
    const expired = sessions.filter(s => s.record.expired === true).length
    if (expired) say(`no unexpired sessions: ${expired} expired (list --all shows them, prune removes them)`)
  }
  const { renderTable, terminalWidth, LAPSED_MARK } = await import('../table.js')
  output(await renderTable(shown, await useColor(argv), await terminalWidth()))
  for (const note of logins.lapsedNotes) warn(`${LAPSED_MARK} on LEFT: ${note}`)
}

// A header and nothing under it tells a new user nothing: where the sessions
// would be, and how one gets there (the JSON stays [] and quiet, for scripts).
const emptyCache = (cacheDir: string): string => {
  const how =
    'the AWS CLI caches a session there when you use a role or SSO profile (aws --profile P sts get-caller-identity)'
  const state = existsSync(cacheDir) ? 'holds no entries' : 'does not exist yet'
  return `no sessions cached: the cache folder ${cacheDir} ${state}; ${how}`
}
