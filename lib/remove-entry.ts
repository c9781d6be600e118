import { linkSync, lstatSync, renameSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { identityOf, sameIdentity, type FileIdentity } from './entry.js'
import { errorCode } from './errors.js'
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
  const refused = removable(file)
  if (refused) return refused
  if (expectedIdentity === undefined) return unlinkResult(file)
  if (!sameIdentity(identityOf(file), expectedIdentity)) return { kind: 'replaced' }
  const aside = join(dirname(file), `.${basename(file)}.awscache-${process.pid}.removing`)
  try {
    renameSync(file, aside)
  } catch (er) {
    if (errorCode(er) === 'ENOENT') return { kind: 'gone' }
    return { kind: 'failed', reason: describeFsError(er) }
  }
  if (sameIdentity(identityOf(aside), expectedIdentity)) return unlinkResult(aside)
  try {
    linkSync(aside, file)
  } catch (er) {
    // EEXIST: an even newer entry is in place; the one set aside is stale
    if (errorCode(er) !== 'EEXIST') return { kind: 'failed', reason: `${describeFsError(er)}; a newer entry was left at ${aside}` }
  }
  unlinkResult(aside)
  return { kind: 'replaced' }
}
