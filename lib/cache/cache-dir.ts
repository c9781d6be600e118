import { readdirSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { readEntry, type Entry } from './entry.js'
import { AwscacheError, errorCode } from '../errors.js'
import { describeFsError } from './read-text-file.js'

/** Names of the files directly in the folder that are cache entries (`*.json`). */
export const entryFileNames = (dir: string): string[] => {
  let dirents
  try {
    dirents = readdirSync(dir, { withFileTypes: true })
  } catch (er) {
    // a fresh machine has no cache folder yet
    if (errorCode(er) === 'ENOENT') return []
    if (errorCode(er) === 'ENOTDIR') throw new AwscacheError(`cache folder ${dir} is not a folder`)
    throw new AwscacheError(`cannot read the cache folder ${dir}: ${describeFsError(er)}`)
  }
  return dirents
    .filter(d => !d.isDirectory() && d.name.endsWith('.json') && d.name !== '.json')
    .map(d => d.name)
    .sort()
}

/** Every entry in the cache folder, readable or not, in file-name order. */
export const readCacheDir = (dir: string): Entry[] => {
  const absolute = resolve(dir)
  // path.join, once per entry, costs more than reading the entry's stats
  const prefix = absolute.endsWith(sep) ? absolute : absolute + sep
  const entries: Entry[] = []
  for (const name of entryFileNames(absolute)) {
    // undefined: removed since the listing, as the AWS CLI may do
    const entry = readEntry(prefix + name, name.slice(0, -'.json'.length))
    if (entry) entries.push(entry)
  }
  return entries
}
