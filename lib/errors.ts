/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  noSession: 3,
  expired: 4,
  /** exec: the command cannot be run, or was not found (as shells say it) */
  cannotRun: 126,
  notFound: 127,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** A failure with a one-line message and the exit code it maps to. */
export class AwscacheError extends Error {
  override name = 'AwscacheError'
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.error,
    /** further lines: hints on how to recover */
    readonly hints: string[] = [],
  ) {
    super(message)
  }
}

/** A cached session past its expiration (an ISO 8601 UTC time), for the edge to show in local time. */
export class ExpiredSessionError extends AwscacheError {
  override name = 'ExpiredSessionError'
  constructor(
    readonly subject: string,
    readonly expiration: string,
    hints: string[] = [],
  ) {
    super(`${subject} expired at ${expiration}`, EXIT.expired, hints)
  }
}

/** No entry for a profile that could have one: the case --refresh mends. */
export class NoCachedSessionError extends AwscacheError {
  override name = 'NoCachedSessionError'
}

export const errorCode = (er: unknown): string | undefined =>
  typeof er === 'object' && er !== null && 'code' in er && typeof er.code === 'string' ? er.code : undefined
