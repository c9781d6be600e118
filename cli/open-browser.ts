// Opens the sign-in URL in the browser, never through a shell. The URL
// signs anyone in for 15 minutes: it is an argument of the browser command
// only, never in a message.
import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'
import { argumentsFor, type BrowserCommand } from '../lib/console/browser-command.js'
import { AwscacheError, EXIT } from '../lib/errors.js'

const NO_BROWSER_HINT = ['use --print to have the URL printed instead, and open it where you want']

/** The command's path: as given when it has a slash, else found on PATH; undefined when none is there. */
export const findCommand = (file: string, path: string | undefined): string | undefined => {
  const candidates =
    file.includes('/') || isAbsolute(file)
      ? [file]
      : (path ?? '')
          .split(delimiter)
          .filter(Boolean)
          .map(dir => join(dir, file))
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  return undefined
}

/** The first of `commands` that exists; an error that points at --print when none does. Asked before any request. */
export const firstAvailable = (
  commands: readonly BrowserCommand[],
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): BrowserCommand => {
  // Windows finds cmd.exe by itself, and PATHEXT makes a lookup here unsure
  if (platform === 'win32') return commands[0] as BrowserCommand
  for (const command of commands) {
    const found = findCommand(command.file, env.PATH)
    if (found) return { ...command, file: found }
  }
  const names = commands.map(c => c.file).join(', ')
  const what = env.BROWSER
    ? `BROWSER names no command that can be run (${names})`
    : `no ${names} command to open a browser with`
  throw new AwscacheError(what, EXIT.error, NO_BROWSER_HINT)
}

/** Runs the browser command and waits for it: its exit status says whether the page was handed over. */
export const openInBrowser = async (command: BrowserCommand, url: string): Promise<void> => {
  const name = command.file
  // its output is no machine output: to stderr, with the messages
  const child = spawn(command.file, argumentsFor(command, url), {
    stdio: ['ignore', 2, 2],
    windowsVerbatimArguments: command.verbatim === true,
    windowsHide: true,
  })
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (c, s) => resolve([c, s]))
  }).catch((er: NodeJS.ErrnoException) => {
    throw new AwscacheError(
      `could not open the browser: ${name}: ${er.code ?? 'cannot run'}`,
      EXIT.error,
      NO_BROWSER_HINT,
    )
  })
  if (signal)
    throw new AwscacheError(`could not open the browser: ${name} was killed by ${signal}`, EXIT.error, NO_BROWSER_HINT)
  if (code !== 0)
    throw new AwscacheError(`could not open the browser: ${name} exited with ${code}`, EXIT.error, NO_BROWSER_HINT)
}
