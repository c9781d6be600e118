// An `aws login` session is a set of credentials like a role session: as an
// Entry, everything that lists or exports role sessions takes it as it is.
// Only what removes entries must tell them apart (type "login"): deleting a
// login file is a logout.
import type { Entry } from '../cache/entry.js'
import { readLoginSession, type LoginSession } from './login-cache.js'

export const loginAsEntry = (session: LoginSession): Entry =>
  session.error === null
    ? {
        id: session.id,
        file: session.file,
        identity: session.identity,
        mode: session.mode,
        error: null,
        type: 'login',
        credentials: session.credentials,
        assumedRoleArn: null,
        accountId: session.accountId,
      }
    : { id: session.id, file: session.file, identity: session.identity, mode: session.mode, error: session.error }

/** The login file `file` (named `<id>.json`) as an Entry; undefined when it does not exist. */
export const readLoginEntry = (file: string, id: string): Entry | undefined => {
  const session = readLoginSession(file, id)
  return session && loginAsEntry(session)
}
