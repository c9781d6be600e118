import { execFileSync } from 'node:child_process'

/** Makes a FIFO (Node.js has no mkfifo of its own). */
export const mkfifoSync = (path: string): void => {
  execFileSync('mkfifo', [path])
}
