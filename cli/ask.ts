// A yes/no question on the terminal, for `unset --ask` (awscache-clear): the
// question goes to stderr, the answer is read from stdin, which stays the
// terminal when the shell captures stdout with $(…).
import { readSync } from 'node:fs'
import { isatty } from 'node:tty'
import { errorCode } from '../lib/errors.js'
import { pause, question } from './io.js'

/** One line from stdin, without its line break; '' at the end of input. */
const readLine = (): string => {
  const bytes: number[] = []
  const one = Buffer.alloc(1)
  for (;;) {
    let n: number
    try {
      n = readSync(0, one, 0, 1, null)
    } catch (er) {
      if (errorCode(er) !== 'EAGAIN') return ''
      // a terminal left non-blocking by another program: wait for the key
      pause(10)
      continue
    }
    if (n === 0 || one[0] === 0x0a) return Buffer.from(bytes).toString('utf8')
    bytes.push(one[0] as number)
  }
}

/** undefined when there is no terminal to ask on; else whether the answer was y or yes. */
export const askYesNo = (text: string): boolean | undefined => {
  if (!isatty(0)) return undefined
  question(`${text} [y/N] `)
  return /^y(es)?$/i.test(readLine().trim())
}
