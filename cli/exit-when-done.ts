import { signalsDelivered } from './hold-signals.js'
import { streamsInUse } from './io.js'

/**
 * Ends the process with the command's exit code once it is done. Exiting
 * at once spares Node tearing down the heap, which takes longer the more
 * entries were read. Not before a signal held during the command has ended
 * it (cli/hold-signals.ts), nor while output through the streams (Windows)
 * may still be on its way: that is left to Node's own exit.
 */
export const exitWhenDone = async (code: number): Promise<void> => {
  process.exitCode = code
  if (streamsInUse()) return
  await signalsDelivered()
  process.exit(code)
}
