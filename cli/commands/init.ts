import type { CommandDef } from '../command-def.js'
import { allDefinitions } from '../command-table.js'
import { renderFishTable, renderPosixTable } from '../completion-table.js'
import { GLOBAL_OPTIONS, HELP_OPTIONS } from '../global-options.js'
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
  positionals: [
    {
      name: 'shell',
      describe: 'your shell',
      choices: SHELLS,
      complete: 'choices',
      missing: 'give your shell: bash, zsh or fish',
    },
  ],
  options: {},
  examples: [
    ['eval "$($0 init bash)"', 'in ~/.bashrc'],
    ['eval "$($0 init zsh)"', 'in ~/.zshrc, after compinit'],
    ['$0 init fish | source', 'in ~/.config/fish/config.fish'],
  ],
}

// the line of each script where the command table goes
const TABLE_LINE = '# ::AWSCACHE_TABLE::\n'

export const handler = async (argv: InitArgs): Promise<void> => {
  const inputs = { commands: await allDefinitions(), globals: GLOBAL_OPTIONS, help: HELP_OPTIONS }
  const table = argv.shell === 'fish' ? renderFishTable(inputs) : renderPosixTable(inputs)
  const script = SHELL_SCRIPTS[argv.shell]
  if (!script.includes(TABLE_LINE))
    throw new Error(`shell-integration/awscache.${argv.shell} has no ${TABLE_LINE.trim()} line`)
  output(script.replace(TABLE_LINE, () => table))
}
