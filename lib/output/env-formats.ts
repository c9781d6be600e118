import type { Credentials } from '../cache/entry.js'
import { formatIsoUtc } from '../cache/expiration.js'
import { cmdValue, dotenvValue, quoteFish, quotePowershell, quoteSh } from './quote.js'
import { UNSET_FORMATS } from './unset-formats.js'

export type EnvVars = [name: string, value: string][]

/** A session's credentials and, when the session knows it, its account. */
export interface SessionCredentials extends Credentials {
  /** the session's AWS account; null or absent when unknown */
  accountId?: string | null | undefined
}

/** The variable the newest AWS SDKs and CLI read the account from (account-based endpoints). */
export const ACCOUNT_VARIABLE = 'AWS_ACCOUNT_ID'

/**
 * The variables `env` sets, as the AWS CLI's `export-credentials --format env`
 * names them, and AWS_ACCOUNT_ID when the account is known.
 */
export const sessionVariables = (c: SessionCredentials): EnvVars => [
  ['AWS_ACCESS_KEY_ID', c.accessKeyId],
  ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ['AWS_SESSION_TOKEN', c.sessionToken],
  ['AWS_CREDENTIAL_EXPIRATION', formatIsoUtc(c.expiration)],
  ...(c.accountId ? [[ACCOUNT_VARIABLE, c.accountId] as [string, string]] : []),
]

export interface EnvFormat {
  description: string
  render: (vars: EnvVars, credentials: SessionCredentials) => string
  /** how the format removes variables; a file (dotenv, json) cannot */
  unset?: (names: string[]) => string
}

const perLine =
  (line: (name: string, value: string) => string) =>
  (vars: EnvVars): string =>
    vars.map(([name, value]) => line(name, value) + '\n').join('')

// One entry per --format value: its choices, help text and output all come from here.
export const ENV_FORMATS = {
  sh: {
    description: "export NAME='value' (bash, zsh, dash, ksh)",
    render: perLine((name, value) => `export ${name}=${quoteSh(value)}`),
    unset: UNSET_FORMATS.sh.render,
  },
  fish: {
    description: "set -gx NAME 'value'",
    render: perLine((name, value) => `set -gx ${name} ${quoteFish(value)}`),
    // `set -e` of a variable that is not set fails, and `| source` would return that failure
    unset: names => names.map(n => `if set -q ${n}; set -e ${n}; end\n`).join(''),
  },
  powershell: {
    description: "$Env:NAME = 'value'",
    render: perLine((name, value) => `$Env:${name} = ${quotePowershell(value)}`),
    unset: UNSET_FORMATS.powershell.render,
  },
  dotenv: {
    description: 'NAME=value, for docker run --env-file (no quoting: line breaks refused)',
    render: perLine((name, value) => `${name}=${dotenvValue(value)}`),
  },
  json: {
    description: 'the credential_process JSON ("Version": 1)',
    // AccountId last, and only when known, as the SDKs' process providers read it
    render: (_vars, c) =>
      JSON.stringify(
        {
          Version: 1,
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: formatIsoUtc(c.expiration),
          ...(c.accountId ? { AccountId: c.accountId } : {}),
        },
        null,
        2,
      ) + '\n',
  },
  // after json, so that the choices' order stays as it was; spelled as the AWS CLI's export-credentials
  'windows-cmd': {
    description: 'set NAME=value (cmd.exe; values it cannot carry are refused)',
    render: perLine((name, value) => `set ${name}=${cmdValue(value)}`),
    unset: UNSET_FORMATS['windows-cmd'].render,
  },
} satisfies Record<string, EnvFormat>

export type EnvFormatName = keyof typeof ENV_FORMATS

/** Whether the format can remove variables (sh, fish, powershell, windows-cmd), not only set them. */
export const canUnset = (format: EnvFormatName): boolean => 'unset' in ENV_FORMATS[format]

/**
 * `extra` variables follow the session's (json, being the credential_process
 * shape, has none); `unset` names are removed after them, by the formats that can.
 */
export const formatEnv = (
  format: EnvFormatName,
  c: SessionCredentials,
  extra: EnvVars = [],
  unset: string[] = [],
): string => {
  const f: EnvFormat = ENV_FORMATS[format]
  const removal = f.unset && unset.length ? f.unset(unset) : ''
  return f.render([...sessionVariables(c), ...extra], c) + removal
}

/** Variables that make a tool pick a named profile over the exported keys (the JavaScript SDK v3 does). */
export const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const

/** The profile's region, as aws-vault and granted export it, so that the keys behave like --profile P. */
export const regionVariables = (region: string | undefined): EnvVars =>
  region
    ? [
        ['AWS_REGION', region],
        ['AWS_DEFAULT_REGION', region],
      ]
    : []

/**
 * What the shell must not keep from an earlier session: an AWS_ACCOUNT_ID
 * left beside keys of another account would send the SDKs to that account's
 * endpoints. Nothing when this session sets its own.
 */
export const staleAccountVariables = (c: SessionCredentials): string[] => (c.accountId ? [] : [ACCOUNT_VARIABLE])

export const MARKER_NAMES = ['AWSCACHE_PROFILE', 'AWSCACHE_EXPIRES'] as const

/** awscache's own markers, which the shell integration's awscache-use and awscache-prompt read. */
export const markerVariables = (profile: string, c: Credentials): EnvVars => [
  ['AWSCACHE_PROFILE', profile],
  ['AWSCACHE_EXPIRES', String(Math.floor(c.expiration / 1000))],
]
