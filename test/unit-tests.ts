// The library's unit tests, in one process. tap starts a process for each
// test file, at about 1.8 s of CPU each (tap itself, tsx, its process-info
// loader): three times what most of these tests take. They need no process of
// their own, so they run here, one file after the other; each still sits
// beside its module's layer (test/aws/, test/cache/, …) and runs alone with
// `npx tap <file>`.
//
// package.json's tap "include" names what tap runs as files of their own: whole
// folders (test/cli/**/*.ts) and single files; every other .ts file in any
// other folder of test/ (but helpers/ and fixtures/) is imported here, so that
// a new test file always runs one way or the other.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const TEST = new URL('./', import.meta.url).pathname
const pkg = JSON.parse(readFileSync(join(TEST, '../package.json'), 'utf8')) as { tap: { include: string[] } }
const include = pkg.tap.include
const ownFolders = include.flatMap(p => /^test\/([^/*]+)\/\*\*\/\*\.ts$/.exec(p)?.[1] ?? [])
const ownFiles = new Set(include.filter(p => !p.includes('*')))

const unitFolders = readdirSync(TEST, { withFileTypes: true })
  .filter(d => d.isDirectory() && !['helpers', 'fixtures', ...ownFolders].includes(d.name))
  .map(d => d.name)
  .sort()

for (const folder of unitFolders) {
  for (const file of readdirSync(join(TEST, folder)).sort()) {
    if (!file.endsWith('.ts') || ownFiles.has(`test/${folder}/${file}`)) continue
    await import(pathToFileURL(join(TEST, folder, file)).href)
  }
}
