// SIGINT, SIGTERM, SIGHUP, SIGQUIT (Ctrl-\) and SIGUSR2 end Node at once, wherever it is: between the
// rename that sets an entry aside and the unlink or link that follows, a
// session would be left hidden under another name. Held, a signal is seen
// only once the current synchronous section is over, and then ends the
// process as it would have (the same signal, so the caller sees it).
const HELD = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'] as const

const die = (signal: NodeJS.Signals): void => {
  for (const s of HELD) process.removeListener(s, die)
  process.kill(process.pid, signal)
}

/**
 * Runs `section`, synchronous, with those signals held: a signal that came
 * during it ends the process at the next turn of the event loop, after it.
 */
export const holdingSignals = <T>(section: () => T): T => {
  const added = HELD.filter(s => !process.listeners(s).includes(die))
  for (const s of added) process.on(s, die)
  try {
    return section()
  } finally {
    // a signal that came during the section reaches `die` before it goes
    void signalsDelivered().then(() => {
      for (const s of added) process.removeListener(s, die)
    })
  }
}

/**
 * Resolves once every signal that came so far has reached the listeners it
 * came to. A signal is read in the event loop's poll phase: one that came
 * while the loop stood still (spawnSync, a synchronous section) is still
 * waiting there, and would otherwise reach listeners added since. One
 * setImmediate may run before that poll (what called this may itself run
 * after this turn's poll); the second runs after it.
 */
export const signalsDelivered = (): Promise<void> => new Promise(resolve => setImmediate(() => setImmediate(resolve)))
