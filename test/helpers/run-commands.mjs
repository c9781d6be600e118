// Child process of test/cli/hostile-input.ts: runs several awscache command
// lines one after the other in one process, with the built main() the bin
// runs, and prints each one's exit code and output as a line of JSON. For the
// runs that need a process of their own (as another user, or without HOME:
// os.homedir() reads the process's real environment) but not one per command.
// Usage: node run-commands.mjs DIST_CLI_FOLDER COMMANDS_JSON
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [distCli, commandsJson] = process.argv.slice(2)
const load = file => import(pathToFileURL(join(distCli, file)).href)
// as the bin: these come first
await load('sigusr1.js')
await load('startup-guard.js')
const { main } = await load('main.js')
const { redirectOutput } = await load('io.js')
const { resetSuggestionBudget } = await load('../lib/sessions/nearest-names.js')

for (const args of JSON.parse(commandsJson)) {
  let stdout = ''
  let stderr = ''
  redirectOutput((fd, text) => {
    if (fd === 1) stdout += text
    else stderr += text
  })
  resetSuggestionBudget()
  const status = await main(args)
  redirectOutput(undefined)
  // one line per command as it ends: a run that hangs shows which did not
  process.stdout.write(`${JSON.stringify({ status, stdout, stderr })}\n`)
}
process.exitCode = 0
