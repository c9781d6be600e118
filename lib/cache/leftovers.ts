import { lstatSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { errorCode } from '../errors.js'
import { putBack, unlinkAside, type PutBackResult, type RemoveResult } from './remove-entry.js'

// What remove-entry.ts's asideName makes of `<name>.json`, and nothing else.
const ASIDE = /^\.([^/\0]+\.json)\.awscache-([1-9]\d{0,9})\.removing$/

/** An entry an awscache process set aside and, killed, never put back or removed. */
export interface Leftover {
  /** the aside file */
  file: string
  /** where the entry belongs */
  entryFile: string
  pid: number
}

/** Whether a process of that id exists (one of another user's included). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (er) {
    return errorCode(er) !== 'ESRCH'
  }
}

/**
 * The aside files directly in the cache folder whose process is gone: only
 * regular files or symbolic links named exactly as awscache names them.
 */
export const findLeftovers = (cacheDir: string, alive: (pid: number) => boolean = processAlive): Leftover[] => {
  const dir = resolve(cacheDir)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    // listing the folder reports why it cannot be read
    return []
  }
  const found: Leftover[] = []
  for (const name of names.sort()) {
    const m = ASIDE.exec(name)
    if (!m) continue
    const pid = Number(m[2])
    if (pid === process.pid || alive(pid)) continue
    const file = join(dir, name)
    try {
      const st = lstatSync(file)
      if (!st.isFile() && !st.isSymbolicLink()) continue
    } catch {
      continue
    }
    found.push({ file, entryFile: join(dir, m[1] as string), pid })
  }
  return found
}

export type LeftoverResult = PutBackResult | RemoveResult | { kind: 'would-put-back' } | { kind: 'would-remove' }

const entryExists = (file: string): boolean => {
  try {
    lstatSync(file)
    return true
  } catch {
    return false
  }
}

/**
 * Mends a leftover: back in its place when no entry of that id exists (it may
 * be the only copy of a session), else removed (the entry in place is newer).
 */
export const mendLeftover = (l: Leftover, dryRun: boolean): LeftoverResult => {
  if (dryRun) return { kind: entryExists(l.entryFile) ? 'would-remove' : 'would-put-back' }
  const back = putBack(l.file, l.entryFile)
  if (back.kind !== 'superseded') return back
  return { kind: 'removed' }
}
