import { readdirSync } from 'node:fs'
import { entryFileNames } from './cache-dir.js'
import { errorCode } from '../errors.js'
import { removable, removeEntryFile, type RemoveResult } from './remove-entry.js'
import type { ListedSession } from '../sessions/sessions.js'

export interface Removal {
  session: ListedSession
  result: RemoveResult | { kind: 'would-remove' }
}

export interface RemoveOptions {
  dryRun: boolean
  /** remove only if the file is still the one that was read (prune) */
  guard: boolean
  /** for tests: runs right before each removal */
  beforeRemove?: ((file: string) => void) | undefined
}

export const removeSessions = (sessions: ListedSession[], opts: RemoveOptions): Removal[] =>
  sessions.map(session => {
    if (opts.dryRun) {
      // a dry run says what the real one would do: a FIFO or folder named *.json is left alone by both
      const refused = removable(session.entry.file)
      return { session, result: refused?.kind === 'refused' ? refused : { kind: 'would-remove' } }
    }
    opts.beforeRemove?.(session.entry.file)
    return { session, result: removeEntryFile(session.entry.file, opts.guard ? session.entry.identity : undefined) }
  })

export interface PruneCriteria {
  /** also entries that cannot be read as a session */
  unreadable: boolean
  /** also entries that expire within this many seconds */
  withinSeconds: number
}

/** The entries `prune` removes: expired ones, and per the criteria unreadable or soon-expiring ones. */
export const pruneSelection = (sessions: ListedSession[], c: PruneCriteria): ListedSession[] =>
  sessions.filter(({ record }) =>
    record.error !== null ? c.unreadable : record.expired || record.expiresInSeconds < c.withinSeconds,
  )

/** How many things in the cache folder are not entries (other files, folders): `clear` leaves them. */
export const countNonEntries = (dir: string): number => {
  try {
    return readdirSync(dir).length - entryFileNames(dir).length
  } catch (er) {
    if (errorCode(er) === 'ENOENT') return 0
    throw er
  }
}
