import type { Credentials } from './entry.js'
import { formatIsoUtc } from './expiration.js'
import { dotenvValue, quoteFish, quotePowershell, quoteSh } from './quote.js'

export type EnvVars = [name: string, value: string][]

/** The variables `env` sets, as the AWS CLI's `export-credentials --format env` names them. */
export const sessionVariables = (c: Credentials): EnvVars => [
  ['AWS_ACCESS_KEY_ID', c.accessKeyId],
  ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ['AWS_SESSION_TOKEN', c.sessionToken],
  ['AWS_CREDENTIAL_EXPIRATION', formatIsoUtc(c.expiration)],
]

export interface EnvFormat {
  description: string
  render: (vars: EnvVars, credentials: Credentials) => string
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
  },
  fish: {
    description: "set -gx NAME 'value'",
    render: perLine((name, value) => `set -gx ${name} ${quoteFish(value)}`),
  },
  powershell: {
    description: "$Env:NAME = 'value'",
    render: perLine((name, value) => `$Env:${name} = ${quotePowershell(value)}`),
  },
  dotenv: {
    description: 'NAME=value, for docker run --env-file (no quoting: line breaks refused)',
    render: perLine((name, value) => `${name}=${dotenvValue(value)}`),
  },
  json: {
    description: 'the credential_process JSON ("Version": 1)',
    render: (_vars, c) =>
      JSON.stringify(
        {
          Version: 1,
          AccessKeyId: c.accessKeyId,
          SecretAccessKey: c.secretAccessKey,
          SessionToken: c.sessionToken,
          Expiration: formatIsoUtc(c.expiration),
        },
        null,
        2,
      ) + '\n',
  },
} satisfies Record<string, EnvFormat>

export type EnvFormatName = keyof typeof ENV_FORMATS

/** `extra` variables follow the session's (json, being the credential_process shape, has none). */
export const formatEnv = (format: EnvFormatName, c: Credentials, extra: EnvVars = []): string =>
  ENV_FORMATS[format].render([...sessionVariables(c), ...extra], c)

/** awscache's own markers, which the shell integration's awscache-use and awscache-prompt read. */
export const markerVariables = (profile: string, c: Credentials): EnvVars => [
  ['AWSCACHE_PROFILE', profile],
  ['AWSCACHE_EXPIRES', String(Math.floor(c.expiration / 1000))],
]
