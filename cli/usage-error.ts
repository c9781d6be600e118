import { AwscacheError, EXIT } from '../lib/errors.js'

/** A command line that cannot be read: exit 2, and the message names the command. */
export class UsageError extends AwscacheError {
  override name = 'UsageError'
  constructor(
    /** the command it concerns, when one was named */
    readonly command: string | undefined,
    message: string,
    hints: string[] = [],
  ) {
    super(message, EXIT.usage, hints)
  }
}
