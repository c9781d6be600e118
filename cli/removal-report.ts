import { EXIT, type ExitCode } from '../lib/errors.js'
import type { Removal } from '../lib/cache/remove-sessions.js'
import type { OptionDef } from './command-def.js'
import type { GlobalArgs } from './inputs.js'
import { output, say } from './io.js'

export interface RemovalArgs extends GlobalArgs {
  dryRun: boolean
  json: boolean
}

/** --dry-run and --json, shared by rm, clear and prune. */
export const REMOVAL_OPTIONS: Readonly<Record<string, OptionDef>> = {
  'dry-run': { type: 'boolean', alias: 'n', default: false, describe: 'say what would be removed; remove nothing' },
  json: { type: 'boolean', default: false, describe: 'print the removed entries as a JSON array (list --json fields)' },
}

const label = ({ session: { record } }: Removal): string =>
  `${record.profiles.length ? record.profiles.join(', ') : '-'} (${record.id})`

const LINES: Record<Removal['result']['kind'], string> = {
  removed: 'removed',
  'would-remove': 'would remove',
  gone: 'already gone',
  replaced: 'left alone, replaced by a newer session since it was read:',
  refused: 'left alone',
  failed: 'cannot remove',
}

/** One stderr line per entry; the removed ones on stdout with --json. Returns the exit code. */
export const reportRemovals = (removals: Removal[], argv: RemovalArgs): ExitCode => {
  let code: ExitCode = EXIT.ok
  for (const r of removals) {
    const reason = 'reason' in r.result ? `: ${r.result.reason}` : ''
    say(`${LINES[r.result.kind]} ${label(r)}${reason}`)
    if (r.result.kind === 'failed') code = EXIT.error
  }
  if (argv.json) {
    const removed = removals.filter(r => r.result.kind === 'removed' || r.result.kind === 'would-remove')
    output(
      JSON.stringify(
        removed.map(r => r.session.record),
        null,
        2,
      ) + '\n',
    )
  }
  return code
}
