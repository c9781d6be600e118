import { spawnSync } from 'node:child_process'

/** The shells a test evaluates output in; a missing one is said loudly, never passed over in silence. */
export const hasCommand = (cmd: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0

export const missingReason = (cmd: string): string =>
  `${cmd} is not installed: this test did NOT run (CI installs it; apt-get install ${cmd})`

export interface Run {
  status: number | null
  stdout: string
  stderr: string
}

// generous: one run may evaluate many cases on a loaded machine (a hang still ends, as a failure)
export const run = (cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv, timeoutMs = 120_000): Run => {
  const r = spawnSync(cmd, args, { input, env: env ?? process.env, encoding: 'utf8', timeout: timeoutMs })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}
