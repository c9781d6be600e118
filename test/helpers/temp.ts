import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Removes a temporary folder a test made, whatever modes (0000, say) it left inside. */
export const removeTestFolder = (dir: string): void => {
  execFileSync('chmod', ['-R', 'u+rwX', dir], { stdio: 'ignore' })
  rmSync(dir, { recursive: true, force: true })
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
