// Imported first by the bin, and importing nothing, so that it runs before
// any other code of awscache's: with no listener, a SIGUSR1 makes Node open
// its inspector on 127.0.0.1:9229, where anyone on the machine could run
// code in this process and read the session. A listener replaces Node's
// handler; exec adds another that passes the signal on to its command.
process.on('SIGUSR1', () => {})
