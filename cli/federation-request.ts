// The one request awscache makes itself: the console command's
// getSigninToken, through undici (loaded only here) so that HTTPS_PROXY,
// https_proxy and NO_PROXY, and AWS_CA_BUNDLE, count as the AWS CLI counts them.
import type { Dispatcher } from 'undici'
import { AwscacheError, EXIT, errorCode } from '../lib/errors.js'
import type { Env } from '../lib/aws/paths.js'
import { readTextFile } from '../lib/cache/read-text-file.js'

const MAX_BUNDLE_BYTES = 16 * 1024 * 1024
// the answer is a token of a few hundred characters: more is not the endpoint
const MAX_ANSWER_BYTES = 64 * 1024
// a proxy or endpoint that never answers must not hang the command
const TIMEOUT_MS = 30_000

/** AWS_CA_BUNDLE's certificates (they replace the usual ones, as in the AWS CLI), or undefined when it is not set. */
export const caBundle = (env: Env): string | undefined => {
  const path = env.AWS_CA_BUNDLE
  if (!path) return undefined
  const file = readTextFile(path, MAX_BUNDLE_BYTES)
  const problem =
    file.kind === 'missing'
      ? 'no such file'
      : file.kind === 'unreadable'
        ? file.reason
        : file.text.includes('-----BEGIN CERTIFICATE-----')
          ? undefined
          : 'holds no PEM certificate'
  if (problem || file.kind !== 'text')
    throw new AwscacheError(
      `AWS_CA_BUNDLE ${JSON.stringify(path)}: ${problem ?? 'cannot read'}; nothing was sent`,
      EXIT.error,
    )
  return file.text
}

/**
 * Proxies from the environment, as the AWS CLI (Python's urllib) takes them
 * for an https:// URL: https_proxy or HTTPS_PROXY, never HTTP_PROXY; NO_PROXY
 * or no_proxy. The CA bundle is for the endpoint's certificate, not an https
 * proxy's (botocore keeps a separate proxy_ca_bundle).
 */
export const federationDispatcher = async (env: Env, ca: string | undefined): Promise<Dispatcher> => {
  const { EnvHttpProxyAgent } = await import('undici')
  const tls = ca === undefined ? {} : { ca }
  const proxy = env.https_proxy ?? env.HTTPS_PROXY ?? ''
  // never quoted: a proxy's URL may hold its password
  if (proxy && !URL.canParse(proxy))
    throw new AwscacheError(
      'HTTPS_PROXY (or https_proxy) is not a URL such as http://proxy.example.com:3128; nothing was sent',
      EXIT.error,
    )
  return new EnvHttpProxyAgent({
    httpProxy: '',
    httpsProxy: proxy,
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    connect: { ...tls, timeout: TIMEOUT_MS },
    // through a proxy, the endpoint's TLS is set apart from the proxy's
    requestTls: tls,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  })
}

export interface Answer {
  status: number
  body: string
}

// undici's own words (ECONNREFUSED, a proxy's 407, a certificate it cannot
// verify), never a word that is the request's: it holds the keys
const failure = (er: unknown, host: string, secrets: readonly string[]): string => {
  const message = er instanceof Error ? (er.message.split('\n')[0] ?? '') : String(er)
  const shown =
    message === '' || secrets.some(s => s !== '' && message.includes(s)) || message.includes('Session=')
      ? (errorCode(er) ?? 'failed')
      : message
  // a proxy's user name and password, should a message name its URL
  return `could not reach ${host}: ${shown.replace(/\/\/[^/@\s]*@/g, '//…@')}`
}

/**
 * GETs `url` with `dispatcher`. A request that fails is one line in words,
 * exit 1; `secrets` (the session's) are never part of it.
 */
export const getSigninToken = async (
  url: string,
  dispatcher: Dispatcher,
  secrets: readonly string[],
): Promise<Answer> => {
  const { request } = await import('undici')
  const host = new URL(url).host
  try {
    const response = await request(url, { method: 'GET', dispatcher, headers: { accept: 'application/json' } })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of response.body) {
      const buf = chunk as Buffer
      size += buf.length
      if (size > MAX_ANSWER_BYTES) {
        response.body.destroy()
        break
      }
      chunks.push(buf)
    }
    return { status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }
  } catch (er) {
    throw new AwscacheError(failure(er, host, secrets), EXIT.error)
  } finally {
    // no connection may keep the process alive
    await dispatcher.destroy().catch(() => {})
  }
}
