// Which program opens a URL in the browser: $BROWSER when set (the
// convention Python's webbrowser and xdg-utils follow: a list separated by
// ":", each a command whose "%s" is the URL, else the URL comes last), else
// the platform's opener. Never run through a shell: the URL is one argument.
import { ShlexError, shlexSplit } from '../aws/shlex-split.js'

/** Where the URL goes in a command's arguments. */
export const URL_SLOT = '%s'

export interface BrowserCommand {
  file: string
  /** URL_SLOT stands for the URL */
  args: string[]
  /** Windows: the arguments are given to cmd.exe as written (see below) */
  verbatim?: true
}

export type BrowserCommands = { ok: true; commands: BrowserCommand[] } | { ok: false; reason: string }

const fromBrowserVariable = (value: string): BrowserCommands => {
  const commands: BrowserCommand[] = []
  for (const entry of value.split(':')) {
    let words: string[]
    try {
      words = shlexSplit(entry)
    } catch (er) {
      if (er instanceof ShlexError) return { ok: false, reason: `BROWSER is not a command line (${er.message})` }
      throw er
    }
    const [file, ...args] = words
    if (file === undefined) continue
    commands.push({ file, args: args.some(w => w.includes(URL_SLOT)) ? args : [...args, URL_SLOT] })
  }
  return commands.length ? { ok: true, commands } : { ok: false, reason: 'BROWSER is set but names no command' }
}

/**
 * The commands to try, in order, on `platform`. cmd.exe reads `&` as a
 * command separator unless it is quoted, and the URL is full of them: so it
 * gets the whole line verbatim as Node gives cmd a shell command
 * (/d /s /c "…"), the URL in double quotes (it holds none: every special
 * character in it is percent-encoded).
 */
export const browserCommands = (browser: string | undefined, platform: NodeJS.Platform): BrowserCommands => {
  if (browser) return fromBrowserVariable(browser)
  if (platform === 'darwin') return { ok: true, commands: [{ file: 'open', args: [URL_SLOT] }] }
  if (platform === 'win32')
    return {
      ok: true,
      commands: [{ file: 'cmd.exe', args: ['/d', '/s', '/c', `"start "" "${URL_SLOT}""`], verbatim: true }],
    }
  return { ok: true, commands: [{ file: 'xdg-open', args: [URL_SLOT] }] }
}

/** The command's arguments with the URL in its place. */
export const argumentsFor = (command: BrowserCommand, url: string): string[] =>
  command.args.map(a => a.replaceAll(URL_SLOT, url))
