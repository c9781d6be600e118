// The prune that `prune`, `list --prune` and AWSCACHE_AUTO_PRUNE=1 share.
import { AwscacheError, EXIT } from '../lib/errors.js'
import { parseDuration } from '../lib/sessions/duration.js'
import { pruneSelection, removeSessions } from '../lib/cache/remove-sessions.js'
import { listSessions } from '../lib/sessions/sessions.js'
import { cacheInputs, type GlobalArgs } from './inputs.js'
import { refuseLoginFolder } from './login-folder-guard.js'
import { say, warn } from './io.js'
import { holdingSignals } from './hold-signals.js'
import { mendLeftovers } from './leftovers-report.js'
import { reportRemovals, type RemovalArgs } from './removal-report.js'

export interface PruneOptions extends RemovalArgs {
  unreadable: boolean
  within: string | undefined
}

/** Shared by `prune`, `list --prune` and AWSCACHE_AUTO_PRUNE=1. */
export const prune = (argv: GlobalArgs & Partial<PruneOptions>, quietWhenNothing = false): number => {
  let withinSeconds = 0
  if (argv.within !== undefined) {
    const parsed = parseDuration(argv.within)
    if (parsed === undefined) {
      throw new AwscacheError(`--within "${argv.within}" is not a duration such as 15m, 1h or 1h30m`, EXIT.usage)
    }
    withinSeconds = parsed
  }
  const inputs = cacheInputs(argv)
  refuseLoginFolder(inputs.paths)
  const dryRun = argv.dryRun ?? false
  // first, so that an entry put back is judged like the others
  const mended = mendLeftovers(inputs.paths.cacheDir, dryRun)
  const listing = listSessions(inputs)
  listing.warnings.forEach(warn)
  const selected = pruneSelection(listing.sessions, { unreadable: argv.unreadable ?? false, withinSeconds })
  if (!selected.length && !quietWhenNothing) say('nothing to prune')
  // each entry is renamed aside before it goes: a signal must not come in between
  const removals = holdingSignals(() => removeSessions(selected, { dryRun, guard: true }))
  const code = reportRemovals(removals, { ...argv, dryRun, json: argv.json ?? false })
  return code === EXIT.ok ? mended : code
}

/**
 * The prune AWSCACHE_AUTO_PRUNE=1 runs before a command: what goes wrong is
 * a warning, and the command's own result decides the exit code.
 */
export const autoPruneFirst = (argv: GlobalArgs): void => {
  try {
    if (prune({ ...argv, json: false }, true) !== EXIT.ok)
      warn('AWSCACHE_AUTO_PRUNE: not every expired entry could be removed (see above)')
  } catch (er) {
    warn(`AWSCACHE_AUTO_PRUNE: ${er instanceof Error ? er.message : String(er)}`)
  }
}
