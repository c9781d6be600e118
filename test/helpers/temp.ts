import { execFileSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Removes a temporary folder a test made, whatever modes (0000, say) it left inside. */
export const removeTestFolder = (dir: string): void => {
  try {
    rmSync(dir, { recursive: true, force: true })
    return
  } catch {
    // a folder inside it this user may not enter or change (root may): give them back, then remove
  }
  execFileSync('chmod', ['-R', 'u+rwX', dir], { stdio: 'ignore' })
  rmSync(dir, { recursive: true, force: true })
}

/**
 * `chmod -R u+rwX,go-rwx`, without a process: the modes the AWS CLI leaves
 * (folders 0700, files 0600, or 0700 if executable), where a checkout's are
 * 0644. Symbolic links inside are left as they are.
 */
export const makePrivate = (path: string): void => {
  const st = lstatSync(path)
  if (st.isSymbolicLink()) return
  if (st.isDirectory()) {
    chmodSync(path, 0o700)
    for (const name of readdirSync(path)) makePrivate(join(path, name))
  } else chmodSync(path, st.mode & 0o111 ? 0o700 : 0o600)
}

// Every folder a test makes is removed when its process ends, pass or fail:
// a run leaves nothing in /tmp (some hold thousands of entries).
const made: string[] = []

process.on('exit', () => {
  for (const dir of made) {
    try {
      removeTestFolder(dir)
    } catch {
      // already gone
    }
  }
})

/** A new empty folder in the system's temporary folder, named `<prefix>XXXXXX`. */
export const tempFolder = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}
