import { spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'

/** A shell in a real terminal (tmux), typed into and read as a person would. */
export class Terminal {
  private readonly socket = `awscache-test-${process.pid}-${Math.random().toString(36).slice(2)}`

  constructor(command: string, env: Record<string, string>) {
    const assignments = Object.entries(env).map(([k, v]) => `${k}='${v.replaceAll("'", `'\\''`)}'`)
    this.tmux('new-session', '-d', '-s', 'main', '-x', '160', '-y', '40', `env -i ${assignments.join(' ')} ${command}`)
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', timeout: 10_000 })
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`)
    return r.stdout
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text)
  }

  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys)
  }

  /** What the screen shows; with `escapes`, the colours too, as escape sequences. */
  screen(escapes = false): string {
    return this.tmux('capture-pane', '-t', 'main', '-p', ...(escapes ? ['-e'] : []))
  }

  /** Waits (up to a generous limit, not a timing assertion) until the screen matches. */
  async waitFor(pattern: RegExp, limitMs = 20_000): Promise<string> {
    const end = Date.now() + limitMs
    for (;;) {
      const screen = this.screen()
      if (pattern.test(screen)) return screen
      if (Date.now() > end) throw new Error(`screen never matched ${pattern}:\n${screen}`)
      await sleep(100)
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { timeout: 10_000 })
  }
}
