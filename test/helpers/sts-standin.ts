// A loopback stand-in for AWS STS, the SSO portal and the console's sign-in
// (federation) endpoint, for driving the real
// AWS CLI in tests. The CLI honours HTTPS_PROXY and AWS_CA_BUNDLE, so this is
// an HTTP proxy on 127.0.0.1 that answers CONNECT by terminating TLS itself
// (with a certificate made for the occasion) and replying as AWS would. It
// never opens a connection of its own: nothing leaves the machine.
import { execFileSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { accessSync, constants, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { delimiter, join } from 'node:path'
import { tempFolder } from './temp.js'

export interface StandinOptions {
  /** host names the certificate covers and CONNECT may reach (port 443) */
  hosts: readonly string[]
  /** how long a session lasts when the request does not say (STS DurationSeconds wins); default 3600 */
  sessionSeconds?: number
  /** SSO access tokens the portal accepts; any token when not given */
  ssoAccessTokens?: readonly string[]
}

/** One request the stand-in answered (or refused). */
export interface RecordedRequest {
  host: string
  method: string
  path: string
  /** the STS Action, "GetRoleCredentials" for the SSO portal, the federation Action (getSigninToken) */
  action: string | undefined
  /** form fields of an STS call, query parameters of a portal call */
  params: Record<string, string>
  /** access key id the request was signed with (SigV4), if signed */
  signedBy: string | undefined
  /** the SSO portal's bearer token, if sent */
  bearerToken: string | undefined
  status: number
}

/** A session the stand-in handed out. */
export interface IssuedSession {
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetRoleCredentials'
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** milliseconds since the epoch, whole seconds */
  expiration: number
  accountId: string
  /** what GetCallerIdentity answers for these credentials */
  arn: string
}

export interface StsStandin {
  /** for HTTPS_PROXY */
  proxyUrl: string
  /** for AWS_CA_BUNDLE: the stand-in's own certificate */
  caFile: string
  requests: RecordedRequest[]
  issued: IssuedSession[]
  /** CONNECT targets and plain-HTTP requests that were turned away */
  refused: string[]
  /** sign-in tokens the federation endpoint handed out, in order */
  signinTokens: string[]
  /** access key ids whose getSigninToken the federation endpoint refuses, with the HTTP status (400, 403) */
  signinRefusals: Map<string, number>
  stop: () => Promise<void>
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

/** The `openssl` binary on PATH (or /usr/bin), or undefined when there is none. */
export const findOpenssl = (path = process.env.PATH ?? ''): string | undefined => {
  for (const dir of [...path.split(delimiter).filter(Boolean), '/usr/bin']) {
    const candidate = join(dir, 'openssl')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this folder
    }
  }
  return undefined
}

interface KeyPair {
  key: Buffer
  cert: Buffer
  certFile: string
}

// Node cannot make an X.509 certificate by itself; openssl can. EC keys are
// quick to generate. The certificate is its own CA (req -x509 marks it CA:TRUE).
const makeCertificate = (openssl: string, hosts: readonly string[], dir: string): KeyPair => {
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  const san = hosts.map(h => `DNS:${h}`).join(',')
  execFileSync(
    openssl,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=awscache sts stand-in',
      '-addext',
      `subjectAltName=${san}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000 },
  )
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile }
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const randomUpper = (length: number): string =>
  Array.from(randomBytes(length), b => UPPER_DIGITS[b % UPPER_DIGITS.length]).join('')

// Shaped like the real thing: base64 with "+", "/" and "=" in it, so that a
// reader has to quote them properly.
const randomCredentials = (): Pick<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> => ({
  accessKeyId: `ASIA${randomUpper(16)}`,
  secretAccessKey: randomBytes(30).toString('base64'),
  sessionToken: randomBytes(250).toString('base64'),
})

const xmlEscape = (s: string): string => s.replace(/[<>&'"]/g, ch => `&#${ch.charCodeAt(0)};`)

const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')

interface Reply {
  status: number
  contentType: string
  body: string
  headers?: Record<string, string>
}

const xmlReply = (action: string, result: string, requestId: string): Reply => ({
  status: 200,
  contentType: 'text/xml',
  body:
    `<${action}Response xmlns="${STS_NS}"><${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
})

const stsError = (status: number, code: string, message: string, requestId: string): Reply => ({
  status,
  contentType: 'text/xml',
  body:
    `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
})

// arn:aws:iam::123456789012:role/path/name -> account and the role's own name
const parseRoleArn = (arn: string): { partition: string; accountId: string; roleName: string } | undefined => {
  const m = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn)
  return m ? { partition: m[1] as string, accountId: m[2] as string, roleName: m[3] as string } : undefined
}

// "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/sts/aws4_request, …"
const signerOf = (authorization: string | undefined): string | undefined =>
  authorization ? /Credential=([^/,\s]+)\//.exec(authorization)?.[1] : undefined

const credentialsXml = (s: IssuedSession): string =>
  `<Credentials><AccessKeyId>${s.accessKeyId}</AccessKeyId>` +
  `<SecretAccessKey>${xmlEscape(s.secretAccessKey)}</SecretAccessKey>` +
  `<SessionToken>${xmlEscape(s.sessionToken)}</SessionToken>` +
  `<Expiration>${isoSeconds(s.expiration)}</Expiration></Credentials>`

interface Context {
  signinTokens: string[]
  signinRefusals: Map<string, number>
  sessionSeconds: number
  ssoAccessTokens: readonly string[] | undefined
  issued: IssuedSession[]
  requestId: string
}

const expiresAt = (ctx: Context, durationSeconds: string | undefined): number => {
  const seconds = durationSeconds === undefined ? ctx.sessionSeconds : Number(durationSeconds)
  return Math.floor(Date.now() / 1000) * 1000 + seconds * 1000
}

// AssumeRole and AssumeRoleWithWebIdentity answer alike: a session for the role.
const assumeRole = (
  ctx: Context,
  action: 'AssumeRole' | 'AssumeRoleWithWebIdentity',
  p: Record<string, string>,
): Reply => {
  const role = parseRoleArn(p.RoleArn ?? '')
  const sessionName = p.RoleSessionName
  if (!role || !sessionName)
    return stsError(400, 'ValidationError', 'RoleArn or RoleSessionName is not valid', ctx.requestId)
  if (p.SerialNumber !== undefined && !p.TokenCode) {
    return stsError(403, 'AccessDenied', 'MultiFactorAuthentication failed: no TokenCode', ctx.requestId)
  }
  if (action === 'AssumeRoleWithWebIdentity' && !p.WebIdentityToken) {
    return stsError(400, 'ValidationError', 'WebIdentityToken is missing', ctx.requestId)
  }
  const assumedArn = `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`
  const session: IssuedSession = {
    action,
    ...randomCredentials(),
    expiration: expiresAt(ctx, p.DurationSeconds),
    accountId: role.accountId,
    arn: assumedArn,
  }
  ctx.issued.push(session)
  const roleId = `AROA${randomUpper(17)}:${sessionName}`
  const user = `<AssumedRoleUser><AssumedRoleId>${xmlEscape(roleId)}</AssumedRoleId><Arn>${xmlEscape(assumedArn)}</Arn></AssumedRoleUser>`
  const extra =
    action === 'AssumeRole'
      ? '<PackedPolicySize>6</PackedPolicySize>'
      : '<SubjectFromWebIdentityToken>awscache-test-subject</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience><Provider>oidc.awscache.test</Provider>'
  return xmlReply(action, credentialsXml(session) + user + extra, ctx.requestId)
}

// Answers for the session a request was signed with; static keys are "a user".
const getCallerIdentity = (ctx: Context, signedBy: string | undefined): Reply => {
  const session = ctx.issued.find(s => s.accessKeyId === signedBy)
  const accountId = session?.accountId ?? '000000000000'
  const arn = session?.arn ?? `arn:aws:iam::${accountId}:user/static-keys`
  const result = `<Arn>${xmlEscape(arn)}</Arn><UserId>${signedBy ?? 'anonymous'}</UserId><Account>${accountId}</Account>`
  return xmlReply('GetCallerIdentity', result, ctx.requestId)
}

const answerSts = (ctx: Context, p: Record<string, string>, signedBy: string | undefined): Reply => {
  switch (p.Action) {
    case 'AssumeRole':
    case 'AssumeRoleWithWebIdentity':
      return assumeRole(ctx, p.Action, p)
    case 'GetCallerIdentity':
      return getCallerIdentity(ctx, signedBy)
    default:
      return stsError(400, 'InvalidAction', `the stand-in does not answer ${p.Action ?? 'that'}`, ctx.requestId)
  }
}

const ssoError = (status: number, type: string, message: string): Reply => ({
  status,
  contentType: 'application/json',
  headers: { 'x-amzn-errortype': type },
  body: JSON.stringify({ message }),
})

// GET /federation/credentials?role_name=…&account_id=…, bearer token in a header
const answerSsoPortal = (ctx: Context, path: string, p: Record<string, string>, token: string | undefined): Reply => {
  if (path !== '/federation/credentials') return ssoError(404, 'ResourceNotFoundException', `no ${path} here`)
  const accepted = ctx.ssoAccessTokens
  if (!token || (accepted && !accepted.includes(token))) {
    return ssoError(401, 'UnauthorizedException', 'Session token not found or invalid')
  }
  const accountId = p.account_id
  const roleName = p.role_name
  if (!accountId || !roleName) return ssoError(400, 'InvalidRequestException', 'role_name and account_id are required')
  const session: IssuedSession = {
    action: 'GetRoleCredentials',
    ...randomCredentials(),
    expiration: expiresAt(ctx, undefined),
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}_0123456789abcdef/sso-user`,
  }
  ctx.issued.push(session)
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = session
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({ roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration } }),
  }
}

// The federation endpoint answers errors with a bare status and an HTML page.
const federationError = (status: number): Reply => ({
  status,
  contentType: 'text/html',
  body: `<html><body>Error ${status}</body></html>`,
})

// GET /federation?Action=getSigninToken&SessionDuration=…&Session={"sessionId","sessionKey","sessionToken"}
const answerFederation = (ctx: Context, path: string, p: Record<string, string>): Reply => {
  if (path !== '/federation' || p.Action !== 'getSigninToken') return federationError(400)
  let session: unknown
  try {
    session = JSON.parse(p.Session ?? '')
  } catch {
    return federationError(400)
  }
  const { sessionId, sessionKey, sessionToken } = (session ?? {}) as Record<string, unknown>
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string' || typeof sessionToken !== 'string')
    return federationError(400)
  const duration = p.SessionDuration
  if (duration !== undefined && !(/^\d+$/.test(duration) && Number(duration) >= 900 && Number(duration) <= 43_200))
    return federationError(400)
  const refusal = ctx.signinRefusals.get(sessionId)
  if (refusal !== undefined) return federationError(refusal)
  const token = randomBytes(300).toString('base64url')
  ctx.signinTokens.push(token)
  return { status: 200, contentType: 'application/json', body: JSON.stringify({ SigninToken: token }) }
}

const MAX_BODY_BYTES = 1024 * 1024

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > MAX_BODY_BYTES) throw new Error('request body too large')
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

/** Serves one request that arrived through the TLS tunnel. */
const serve = async (
  ctx: Omit<Context, 'requestId'>,
  requests: RecordedRequest[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> => {
  const url = new URL(req.url ?? '/', 'https://placeholder')
  const host = (headerText(req.headers.host) ?? '').replace(/:443$/, '')
  const body = await readBody(req)
  const isSts = host.startsWith('sts.')
  const isSignin = host.startsWith('signin.')
  const params = Object.fromEntries(isSts ? new URLSearchParams(body) : url.searchParams)
  const signedBy = signerOf(headerText(req.headers.authorization))
  const bearerToken = headerText(req.headers['x-amz-sso_bearer_token'])
  const requestId = randomUUID()
  const reply = isSts
    ? answerSts({ ...ctx, requestId }, params, signedBy)
    : host.startsWith('portal.sso.')
      ? answerSsoPortal({ ...ctx, requestId }, url.pathname, params, bearerToken)
      : isSignin
        ? answerFederation({ ...ctx, requestId }, url.pathname, params)
        : ssoError(404, 'NotFound', `the stand-in does not serve ${host}`)
  requests.push({
    host,
    method: req.method ?? '',
    path: url.pathname,
    action:
      isSts || isSignin ? params.Action : url.pathname === '/federation/credentials' ? 'GetRoleCredentials' : undefined,
    params,
    signedBy,
    bearerToken,
    status: reply.status,
  })
  res.writeHead(reply.status, { 'content-type': reply.contentType, 'x-amzn-requestid': requestId, ...reply.headers })
  res.end(reply.body)
}

/**
 * Starts the stand-in on a random port of 127.0.0.1. Needs `openssl` (see
 * findOpenssl) to make its certificate; throws when it is missing.
 */
export const startStsStandin = async (options: StandinOptions): Promise<StsStandin> => {
  const openssl = findOpenssl()
  if (!openssl) throw new Error('the STS stand-in needs the openssl command to make its certificate, and there is none')
  const dir = tempFolder('sts-standin-')
  const pair = makeCertificate(openssl, options.hosts, dir)
  const allowed = new Set(options.hosts)
  const requests: RecordedRequest[] = []
  const issued: IssuedSession[] = []
  const refused: string[] = []
  const sockets = new Set<Socket>()
  const signinTokens: string[] = []
  const signinRefusals = new Map<string, number>()
  const ctx = {
    sessionSeconds: options.sessionSeconds ?? 3600,
    ssoAccessTokens: options.ssoAccessTokens,
    issued,
    signinTokens,
    signinRefusals,
  }

  const tlsServer = createHttpsServer({ key: pair.key, cert: pair.cert }, (req, res) => {
    serve(ctx, requests, req, res).catch((er: unknown) => {
      res.writeHead(500).end(er instanceof Error ? er.message : String(er))
    })
  })
  // A plain-HTTP request (IMDS, say) is not a tunnel: turn it away.
  const proxy = createHttpServer((req, res) => {
    refused.push(`${req.method ?? ''} ${req.url ?? ''}`)
    res.writeHead(403).end('the stand-in only tunnels to its own hosts\n')
  })
  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const target = req.url ?? ''
    const host = target.replace(/:443$/, '')
    if (!target.endsWith(':443') || !allowed.has(host)) {
      refused.push(`CONNECT ${target}`)
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
      return
    }
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length) socket.unshift(head)
    // the TLS server takes over the tunnel as if the client had dialled it
    tlsServer.emit('connection', socket)
  })
  await new Promise<void>((resolve, reject) => {
    proxy.once('error', reject)
    proxy.listen(0, '127.0.0.1', resolve)
  })
  const { port } = proxy.address() as AddressInfo

  const stop = async (): Promise<void> => {
    for (const socket of sockets) socket.destroy()
    proxy.closeAllConnections()
    await new Promise<void>(resolve => proxy.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  }
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caFile: pair.certFile,
    requests,
    issued,
    refused,
    signinTokens,
    signinRefusals,
    stop,
  }
}
