// Node prints or opens, on its own, things that would show a session: the
// options of a spawned process with its whole environment (NODE_DEBUG), the
// inspector (anyone on the machine may connect and read the process), a heap
// snapshot or diagnostic report on a signal. What turned on which of them is
// found here, from the values the process started with.

/**
 * Whether NODE_DEBUG turns on a debuglog section, matched as Node 20 matches
 * it (lib/internal/util/debuglog.js: comma-separated names, `*` as a
 * wildcard, case-insensitive). Node reads the variable once, at start-up:
 * changing process.env afterwards changes nothing.
 */
export const debugSectionOn = (nodeDebug: string | undefined, section: string): boolean => {
  if (!nodeDebug) return false
  const pattern = nodeDebug
    .replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll(',', '$|^')
  return new RegExp(`^${pattern}$`, 'i').test(section)
}

/** child_process's debuglog prints spawn's options, the child's environment included. */
export const spawnDebugRefusal = (nodeDebug: string | undefined): string | undefined =>
  debugSectionOn(nodeDebug, 'child_process')
    ? 'NODE_DEBUG turns on child_process, which makes Node print the environment it hands a command, keys included: unset NODE_DEBUG (or leave child_process out of it)'
    : undefined

/**
 * undici's debuglog (sections undici, fetch) prints each request's URL, which
 * for the console's sign-in request holds the keys; stream's prints the
 * start of every chunk read, the sign-in token among them.
 */
export const requestDebugRefusal = (nodeDebug: string | undefined): string | undefined => {
  const section = ['undici', 'fetch', 'stream'].find(s => debugSectionOn(nodeDebug, s))
  return section
    ? `NODE_DEBUG turns on ${section}, which makes Node print what the sign-in request sends or receives (the keys, a sign-in token): unset NODE_DEBUG (or leave ${section} out of it)`
    : undefined
}

// Options that make Node write the process's memory or environment
// somewhere on a signal or a crash. (Node accepts `_` for `-` in option names.)
const EXPOSING =
  /(?:^|\s)--(heapsnapshot[-_]signal|heapsnapshot[-_]near[-_]heap[-_]limit|report[-_]on[-_]signal|report[-_]on[-_]fatalerror|report[-_]uncaught[-_]exception)(?=[=\s]|$)/

/** Could the inspector have been opened by the options Node started with (before any code of ours)? */
export const mayHaveInspector = (nodeOptions: string | undefined, execArgv: readonly string[]): boolean =>
  /inspect|debug/i.test(`${nodeOptions ?? ''} ${execArgv.join(' ')}`)

/**
 * Why the options Node was started with could show a session (the first
 * reason), or undefined. `inspectorUrl` is the open inspector's address, if any.
 */
export const startupRefusal = (o: {
  nodeOptions: string | undefined
  execArgv: readonly string[]
  inspectorUrl: string | undefined
}): string | undefined => {
  if (o.inspectorUrl !== undefined) {
    return "Node's inspector is open (--inspect in NODE_OPTIONS or node's options): anyone on this machine could read the session through it; start awscache without it"
  }
  for (const text of [o.nodeOptions ?? '', ...o.execArgv]) {
    const m = EXPOSING.exec(text)
    if (m)
      return `--${m[1]} (in NODE_OPTIONS or node's options) would write this process's memory or environment, keys included: start awscache without it`
  }
  return undefined
}
