import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { BIN } from './home.js'
import { tempFolder } from './temp.js'

/** A PATH on which `awscache` is the built binary, as after `npm install -g`. */
export const pathWithAwscache = (): string => {
  const dir = tempFolder('awscache-bin-')
  symlinkSync(BIN, join(dir, 'awscache'))
  // node itself must be found by the bin's #!/usr/bin/env node
  return [dir, join(process.execPath, '..'), '/usr/local/bin', '/usr/bin', '/bin'].join(':')
}
