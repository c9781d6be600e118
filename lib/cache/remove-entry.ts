import { linkSync, lstatSync, renameSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { identityOf, sameIdentity, type FileIdentity } from './cache-file.js'
import { errorCode } from '../errors.js'
import { describeFsError } from './read-text-file.js'

export type RemoveResult =
  | { kind: 'removed' }
  /** already gone: someone else removed it, which is fine */
  | { kind: 'gone' }
  /** the file is no longer the one that was judged: a newer one is left alone */
  | { kind: 'replaced' }
  /** not something awscache may remove (a folder, a FIFO, a device): left alone */
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; reason: string }

/** Only a regular file or a symbolic link named *.json may ever be removed: why not this one, if so. */
export const removable = (file: string): RemoveResult | undefined => {
  const name = basename(file)
  if (!name.endsWith('.json') || name === '.json' || name.includes('\0')) {
    return { kind: 'refused', reason: 'not a cache entry name' }
  }
  try {
    const st = lstatSync(file)
    if (!st.isFile() && !st.isSymbolicLink()) return { kind: 'refused', reason: 'not a regular file' }
  } catch (er) {
    if (errorCode(er) === 'ENOENT') return { kind: 'gone' }
    return { kind: 'failed', reason: describeFsError(er) }
  }
  return undefined
}

const unlinkResult = (file: string): RemoveResult => {
  try {
    unlinkSync(file)
    return { kind: 'removed' }
  } catch (er) {
    if (errorCode(er) === 'ENOENT') return { kind: 'gone' }
    return { kind: 'failed', reason: describeFsError(er) }
  }
}

/** The name an entry is renamed to while this process holds it aside (`prune` and `clear` mend leftovers). */
export const asideName = (file: string, pid = process.pid): string =>
  join(dirname(file), `.${basename(file)}.awscache-${pid}.removing`)

export type AsideResult = { kind: 'aside'; aside: string } | RemoveResult

/**
 * Renames an entry aside (atomic), if it is still the file that was read:
 * the AWS CLI replaces an entry by renaming a new file over it at any moment.
 * The caller then either discards it (unlinkAside) or puts it back (putBack).
 */
export const setAside = (file: string, expectedIdentity: FileIdentity | null): AsideResult => {
  const refused = removable(file)
  if (refused) return refused
  if (!sameIdentity(identityOf(file), expectedIdentity)) return { kind: 'replaced' }
  const aside = asideName(file)
  try {
    renameSync(file, aside)
  } catch (er) {
    if (errorCode(er) === 'ENOENT') return { kind: 'gone' }
    return { kind: 'failed', reason: describeFsError(er) }
  }
  return { kind: 'aside', aside }
}

export type PutBackResult =
  | { kind: 'put-back' }
  /** a newer entry took the place meanwhile: the one set aside, older, went */
  | { kind: 'superseded' }
  | { kind: 'failed'; reason: string }

/**
 * Puts an entry set aside back in its place, unless a newer one has arrived
 * meanwhile (link, unlike rename, never replaces one), then removes the aside name.
 */
export const putBack = (aside: string, file: string): PutBackResult => {
  try {
    linkSync(aside, file)
  } catch (er) {
    if (errorCode(er) !== 'EEXIST')
      return { kind: 'failed', reason: `${describeFsError(er)}; the entry was left at ${aside}` }
    unlinkResult(aside)
    return { kind: 'superseded' }
  }
  unlinkResult(aside)
  return { kind: 'put-back' }
}

/** Removes an entry set aside for good. */
export const unlinkAside = (aside: string): RemoveResult => unlinkResult(aside)

/**
 * Removes one entry file (a symbolic link itself, never its target).
 *
 * With `expectedIdentity`, removes it only if it is still the file that was
 * read: the AWS CLI replaces an entry by renaming a new file over it at any
 * moment, and a fresh session must never be lost. The entry is first renamed
 * aside (atomic), then checked; a newer file caught by the rename is linked
 * back into place unless an even newer one has arrived meanwhile.
 */
export const removeEntryFile = (file: string, expectedIdentity?: FileIdentity | null): RemoveResult => {
  if (expectedIdentity === undefined) return removable(file) ?? unlinkResult(file)
  const set = setAside(file, expectedIdentity)
  if (set.kind !== 'aside') return set
  const { aside } = set
  if (sameIdentity(identityOf(aside), expectedIdentity)) return unlinkResult(aside)
  const back = putBack(aside, file)
  if (back.kind === 'failed')
    return { kind: 'failed', reason: back.reason.replace('the entry was left', 'a newer entry was left') }
  return { kind: 'replaced' }
}
