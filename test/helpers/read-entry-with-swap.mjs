// Child process of test/read-swap.ts: reads one cache entry with the built
// library while the entry is swapped for something else just before the
// Nth file-system call that names it (the window between a check and the
// read). Prints what readEntry made of it and how much memory that took.
// Usage: node read-entry-with-swap.mjs DIST_LIB_ENTRY_JS FILE REPLACEMENT N
//   REPLACEMENT: a path the entry becomes a symbolic link to, or "fifo"
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const [entryJs, file, replacement, n] = process.argv.slice(2)
const swapAt = Number(n)
const swap = () => {
  fs.unlinkSync(file)
  if (replacement === 'fifo') execFileSync('mkfifo', [file])
  else fs.symlinkSync(replacement, file)
}
let calls = 0
for (const name of ['lstatSync', 'statSync', 'openSync', 'readFileSync', 'existsSync', 'accessSync', 'readlinkSync']) {
  const real = fs[name]
  fs[name] = function (path, ...rest) {
    if (path === file && ++calls === swapAt) swap()
    return real.call(this, path, ...rest)
  }
}
// the library's `import { lstatSync } from 'node:fs'` sees the wrappers too
syncBuiltinESMExports()
const { readEntry } = await import(entryJs)
const entry = readEntry(file)
process.stdout.write(
  JSON.stringify({ error: entry === undefined ? 'undefined' : entry.error, calls, rss: process.memoryUsage().rss }) +
    '\n',
)
