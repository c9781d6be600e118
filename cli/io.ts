import { AwscacheError } from '../lib/errors.js'

// stdout carries only what a machine reads; every message goes to stderr.
// A message may quote a name the user typed or a file holds: no control characters.
export const warn = (message: string): void => {
  process.stderr.write(`awscache: warning: ${printable(message)}\n`)
}

export const say = (message: string): void => {
  process.stderr.write(`awscache: ${printable(message)}\n`)
}

export const reportError = (er: unknown): number => {
  if (er instanceof AwscacheError) {
    say(er.message)
    for (const hint of er.hints) process.stderr.write(`  ${printable(hint)}\n`)
    return er.exitCode
  }
  // never a stack trace: it could hold a value read from a cache entry
  say(`internal error: ${er instanceof Error ? (er.message.split('\n')[0] ?? '') : String(er)}`)
  return 1
}

export const output = (text: string): void => {
  process.stdout.write(text)
}

// Control characters from the user's files or environment must not drive the terminal.
export const printable = (s: string): string => s.replace(/[\x00-\x1f\x7f-\x9f]/g, '?')
