// Loaded into a child awscache (node --import) by tests that talk to a
// loopback stand-in: no host name resolves but localhost, so that nothing a
// test sends can leave the machine, even if the proxy were not used.
import dns from 'node:dns'

const local = new Set(['localhost', '127.0.0.1', '::1'])
const original = dns.lookup

dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback
  if (local.has(hostname)) return original.call(dns, hostname, options, callback)
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname,
  })
  process.nextTick(() => done(error))
  return {}
}
