// The AWS console, signed in with a cached session: the federation endpoint's
// two URLs (getSigninToken, login) and what its answer means, as aws-vault and
// granted use them. Pure: the one request is made by cli/federation-request.ts.
import type { Credentials } from '../cache/entry.js'

/** The partitions that have a public sign-in endpoint. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

interface PartitionHosts {
  signin: string
  /** the console's own domain; a region's console is <region>.<console> in `aws` */
  console: string
  /** the domain every page a destination may name lies under */
  base: string
}

export const PARTITION_HOSTS: Readonly<Record<Partition, PartitionHosts>> = {
  aws: { signin: 'signin.aws.amazon.com', console: 'console.aws.amazon.com', base: 'aws.amazon.com' },
  'aws-cn': { signin: 'signin.amazonaws.cn', console: 'console.amazonaws.cn', base: 'amazonaws.cn' },
  'aws-us-gov': {
    signin: 'signin.amazonaws-us-gov.com',
    console: 'console.amazonaws-us-gov.com',
    base: 'amazonaws-us-gov.com',
  },
}

const isPartition = (name: string): name is Partition => Object.hasOwn(PARTITION_HOSTS, name)

/** The console lets a session last this long, in seconds (SessionDuration). */
export const MIN_CONSOLE_SECONDS = 900
export const MAX_CONSOLE_SECONDS = 43_200

/** The partition a region belongs to, by its name. */
export const regionPartition = (region: string): Partition =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws'

export type PartitionChoice = { ok: true; partition: Partition } | { ok: false; reason: string }

/**
 * The entry's partition: from its assumed-role ARN (arn:PARTITION:…) when it
 * has one (SSO entries do not), else from the profile's region, else `aws`.
 */
export const partitionOf = (assumedRoleArn: string | null, region: string | undefined): PartitionChoice => {
  const named = assumedRoleArn ? /^arn:([^:]+):/.exec(assumedRoleArn)?.[1] : undefined
  if (named === undefined) return { ok: true, partition: region ? regionPartition(region) : 'aws' }
  return isPartition(named)
    ? { ok: true, partition: named }
    : {
        ok: false,
        reason: `the session is in the partition "${named}", which has no sign-in endpoint awscache knows (only aws, aws-cn and aws-us-gov)`,
      }
}

/** The console's home page: of the region when it is in the partition, else the console's own. */
export const consoleHome = (partition: Partition, region: string | undefined): string => {
  const { console } = PARTITION_HOSTS[partition]
  if (!region || regionPartition(region) !== partition || !/^[a-z0-9-]+$/.test(region)) return `https://${console}/`
  const host = partition === 'aws' ? `${region}.${console}` : console
  return `https://${host}/console/home?region=${region}`
}

/**
 * Why a --destination cannot be one, or undefined: an https URL on the
 * partition's own domain (the console, or another AWS page), without a user
 * name or password in it. Without a partition, only the URL is judged.
 */
export const destinationProblem = (destination: string, partition?: Partition): string | undefined => {
  let url: URL
  try {
    url = new URL(destination)
  } catch {
    return '--destination is not a URL: give one such as https://console.aws.amazon.com/s3/home'
  }
  if (url.protocol !== 'https:') return '--destination must be an https:// URL'
  if (url.username || url.password) return '--destination must not hold a user name or password'
  if (partition === undefined) return undefined
  const { base } = PARTITION_HOSTS[partition]
  if (url.hostname !== base && !url.hostname.endsWith(`.${base}`)) {
    return `--destination must be a page under ${base} (the session's partition is ${partition})`
  }
  return undefined
}

/** The GET that exchanges a session for a sign-in token. It holds the session's keys: never shown. */
export const signinTokenUrl = (partition: Partition, credentials: Credentials, durationSeconds?: number): string => {
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  })
  const params = new URLSearchParams({ Action: 'getSigninToken' })
  if (durationSeconds !== undefined) params.set('SessionDuration', String(durationSeconds))
  params.set('Session', session)
  return `https://${PARTITION_HOSTS[partition].signin}/federation?${params.toString()}`
}

/** The URL that signs a browser in: it grants console access for 15 minutes. */
export const loginUrl = (partition: Partition, signinToken: string, destination: string): string => {
  const params = new URLSearchParams({
    Action: 'login',
    Issuer: 'awscache',
    Destination: destination,
    SigninToken: signinToken,
  })
  return `https://${PARTITION_HOSTS[partition].signin}/federation?${params.toString()}`
}

export type SigninAnswer = { ok: true; token: string } | { ok: false; reason: string }

const REFUSED =
  'the sign-in endpoint refused the session (HTTP STATUS): it may have expired or been revoked, or be of a kind the console does not accept'

/**
 * What the endpoint's answer means, in words. The body is never quoted: the
 * endpoint's error pages say nothing more than the status, and a message
 * must not carry what a server sent.
 */
export const parseSigninAnswer = (status: number, body: string, durationSeconds?: number): SigninAnswer => {
  if (status === 400 || status === 401 || status === 403) {
    const reason = REFUSED.replace('STATUS', String(status))
    return {
      ok: false,
      reason: durationSeconds === undefined ? reason : `${reason}, or the --duration (the role may not allow it)`,
    }
  }
  if (status !== 200) return { ok: false, reason: `the sign-in endpoint answered HTTP ${status}; try again later` }
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    return { ok: false, reason: 'the sign-in endpoint answered with something other than JSON' }
  }
  const token = typeof data === 'object' && data !== null && 'SigninToken' in data ? data.SigninToken : undefined
  if (typeof token !== 'string' || token === '')
    return { ok: false, reason: 'the sign-in endpoint answered without a sign-in token' }
  return { ok: true, token }
}

/** Why a --duration cannot be asked for, or undefined. */
export const durationProblem = (seconds: number): string | undefined =>
  seconds < MIN_CONSOLE_SECONDS || seconds > MAX_CONSOLE_SECONDS
    ? '--duration must be between 15m and 12h (the console allows 900 to 43200 seconds)'
    : undefined
