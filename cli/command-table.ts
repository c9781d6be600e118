// Every command, in the order --help lists them; each module is loaded only
// when its command runs (or for --help).
import type { CommandDef } from './command-def.js'

export interface CommandModule {
  definition: CommandDef
  handler: (argv: never) => void | Promise<void>
}

export const COMMANDS: Readonly<Record<string, () => Promise<CommandModule>>> = {
  list: () => import('./commands/list.js'),
  env: () => import('./commands/env.js'),
  sql: () => import('./commands/sql.js'),
  exec: () => import('./commands/exec.js'),
  console: () => import('./commands/console.js'),
  status: () => import('./commands/status.js'),
  logins: () => import('./commands/logins.js'),
  rm: () => import('./commands/rm.js'),
  clear: () => import('./commands/clear.js'),
  prune: () => import('./commands/prune.js'),
  unset: () => import('./commands/unset.js'),
  init: () => import('./commands/init.js'),
  profiles: () => import('./commands/profiles.js'),
}

export const loadCommand = (name: string): Promise<CommandModule> | undefined =>
  Object.hasOwn(COMMANDS, name) ? (COMMANDS[name] as () => Promise<CommandModule>)() : undefined

export const allDefinitions = async (): Promise<CommandDef[]> =>
  Promise.all(Object.values(COMMANDS).map(async load => (await load()).definition))
