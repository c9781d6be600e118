// tap's process-info loader follows every child process a test starts: it
// adds itself to the child's NODE_OPTIONS, so that each node (the built bin,
// the node under every shell's awscache) loads it too, at a third of a second
// of CPU per start, and writes into .tap/ for it. The tests measure their own
// children by their output, not by tap's process tree: drop it from what
// every child inherits. Loaded by every test file (package.json "tap"
// node-arg), after tap's own loader has set up the spawn hook it uses.
const hook = globalThis[Symbol.for('process-on-spawn@*:singletonId')]
if (!hook) throw new Error("untracked-children: tap's spawn hook (process-on-spawn) is not set up")
const TAP_LOADER = /(?:^|\s)"?--(?:import|loader|require)=?"?\S*@tapjs\/processinfo\S*/g
hook.listeners.push(options => {
  const nodeOptions = options.env.NODE_OPTIONS
  if (nodeOptions === undefined) return
  const rest = nodeOptions.replace(TAP_LOADER, '').trim()
  const { NODE_OPTIONS, ...env } = options.env
  options.env = rest ? { ...env, NODE_OPTIONS: rest } : env
})
