// What `rm NAME` removes: the entry a profile name, an entry id or an id
// prefix means, found the way env finds it, whatever state it is in
// (expired and unreadable entries go too). Never an `aws login` session.
import { readEntry } from '../cache/entry.js'
import { AwscacheError, EXIT } from '../errors.js'
import { shellWord } from '../output/shell-words.js'
import { sessionRecord } from './session-record.js'
import {
  noCachedSession,
  resolveName,
  type CacheInputs,
  type ListedSession,
  type Loaded,
  type ResolvedName,
} from './sessions.js'

export type RemovalTarget =
  | { kind: 'entry'; session: ListedSession }
  /** nothing to remove under that name: why, as the error to report (exit 3) */
  | { kind: 'none'; reason: AwscacheError }

// Removing a login file is a logout, and the AWS CLI has its own command for it.
const loginNotRemoved = (name: string, resolved: ResolvedName): AwscacheError => {
  const profile = resolved.profiles.includes(name) ? name : resolved.profiles[0]
  const how =
    profile === undefined
      ? 'aws logout --profile P (P: a profile with that login_session) ends it'
      : `aws logout --profile ${shellWord(profile)} ends it`
  return new AwscacheError(`"${name}" is an aws login session, which awscache does not remove: ${how}`, EXIT.noSession)
}

/** A usage problem (an ambiguous id prefix) is still thrown: it ends the command. */
export const removalTarget = (name: string, inputs: CacheInputs, loaded: Loaded): RemovalTarget => {
  let resolved: ResolvedName
  try {
    resolved = resolveName(name, inputs, loaded)
  } catch (er) {
    if (er instanceof AwscacheError && er.exitCode === EXIT.noSession) return { kind: 'none', reason: er }
    throw er
  }
  if (resolved.login) return { kind: 'none', reason: loginNotRemoved(name, resolved) }
  const entry = readEntry(resolved.file)
  if (!entry) return { kind: 'none', reason: noCachedSession(name, resolved.hintProfiles) }
  const record = sessionRecord(entry, resolved.profiles, resolved.settings, inputs.now, inputs.env.AWS_ACCESS_KEY_ID)
  return { kind: 'entry', session: { entry, record } }
}
