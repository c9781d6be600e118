import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Argv, ArgumentsCamelCase } from 'yargs'
import type { GlobalArgs } from '../inputs.js'
import { output } from '../io.js'

export const command = 'init <shell>'
export const describe = 'Print the shell integration (awscache-use, awscache-clear, awscache-prompt, completion)'

const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

interface InitArgs extends GlobalArgs {
  shell: Shell
}

export const builder = (y: Argv<GlobalArgs>): Argv<InitArgs> =>
  (y.positional('shell', { choices: SHELLS, demandOption: true, describe: 'your shell' }) as unknown as Argv<InitArgs>)
    .example('eval "$($0 init bash)"', 'in ~/.bashrc')
    .example('eval "$($0 init zsh)"', 'in ~/.zshrc, after compinit')
    .example('$0 init fish | source', 'in ~/.config/fish/config.fish')

// shell-integration/ sits at the package's top, however deep this module was built
const integrationFile = (shell: Shell): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = join(dir, 'shell-integration', `awscache.${shell}`)
    if (existsSync(file)) return file
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`shell-integration/awscache.${shell} is missing from the installation`)
    dir = parent
  }
}

export const handler = (argv: ArgumentsCamelCase<InitArgs>): void => {
  output(readFileSync(integrationFile(argv.shell), 'utf8'))
}
