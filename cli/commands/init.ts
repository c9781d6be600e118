import type { CommandDef } from '../command-def.js'
import type { GlobalArgs } from '../inputs.js'
import { output } from '../io.js'
import { SHELL_SCRIPTS } from '../shell-scripts.generated.js'

const SHELLS = ['bash', 'zsh', 'fish'] as const
type Shell = (typeof SHELLS)[number]

export interface InitArgs extends GlobalArgs {
  shell: Shell
}

export const definition: CommandDef = {
  name: 'init',
  describe: 'Print the shell integration (awscache-use, awscache-clear, awscache-prompt, completion)',
  positionals: [{ name: 'shell', describe: 'your shell', choices: SHELLS, complete: 'choices', missing: 'give your shell: bash, zsh or fish' }],
  options: {},
  examples: [
    ['eval "$($0 init bash)"', 'in ~/.bashrc'],
    ['eval "$($0 init zsh)"', 'in ~/.zshrc, after compinit'],
    ['$0 init fish | source', 'in ~/.config/fish/config.fish'],
  ],
}

export const handler = (argv: InitArgs): void => {
  output(SHELL_SCRIPTS[argv.shell])
}
