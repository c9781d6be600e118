import { platform } from 'node:os'
import { browserCommands } from '../../lib/console/browser-command.js'
import {
  consoleHome,
  destinationProblem,
  durationProblem,
  loginUrl,
  parseSigninAnswer,
  partitionOf,
  signinTokenUrl,
  type Partition,
} from '../../lib/console/console-signin.js'
import { parseDuration } from '../../lib/sessions/duration.js'
import { AwscacheError, EXIT } from '../../lib/errors.js'
import { requestDebugRefusal, spawnDebugRefusal } from '../../lib/node-diagnostics.js'
import { loadAwsConfig } from '../../lib/aws/profiles.js'
import { isRoleChained } from '../../lib/aws/role-chaining.js'
import type { FoundSession } from '../../lib/sessions/sessions.js'
import { PROFILE_ARGUMENT, type CommandDef } from '../command-def.js'
import { cacheInputs } from '../inputs.js'
import { output, warn } from '../io.js'
import { sessionForUse } from '../session-for-use.js'
import { SESSION_OPTIONS, type SessionArgs } from '../session-options.js'

export interface ConsoleArgs extends SessionArgs {
  print: boolean
  destination: string | undefined
  duration: string | undefined
}

export const definition: CommandDef = {
  name: 'console',
  describe: "Open the AWS console in the browser, signed in with a profile's cached session",
  positionals: [PROFILE_ARGUMENT],
  options: {
    print: {
      type: 'boolean',
      default: false,
      describe: 'print the sign-in URL on stdout instead of opening it (it signs anyone in for 15 minutes)',
    },
    destination: {
      type: 'string',
      describe: "the console page to open (an https:// URL); default: the console home of the profile's region",
      complete: 'none',
    },
    duration: {
      type: 'string',
      describe:
        'how long the console session lasts, 15m to 12h (not for a role assumed with role credentials); default: as the session',
      complete: 'none',
      duration: true,
    },
    ...SESSION_OPTIONS,
  },
  examples: [
    ['$0 console dev-admin', "open the console home of dev-admin's region"],
    ['$0 console dev-admin --print', 'print the sign-in URL (for another browser profile or machine)'],
    ['$0 console dev-admin --destination https://console.aws.amazon.com/s3/home', 'open the S3 console'],
  ],
}

interface Plan {
  partition: Partition
  destination: string
  durationSeconds: number | undefined
}

// the options as written, judged before anything else is done
const checkOptions = (argv: ConsoleArgs): number | undefined => {
  const badDestination = argv.destination === undefined ? undefined : destinationProblem(argv.destination)
  if (badDestination) throw new AwscacheError(badDestination, EXIT.usage)
  if (argv.duration === undefined) return undefined
  const seconds = parseDuration(argv.duration) as number
  const badDuration = durationProblem(seconds)
  if (badDuration) throw new AwscacheError(badDuration, EXIT.usage)
  return seconds
}

// what depends on the session, refused before the session is sent anywhere
const plan = (argv: ConsoleArgs, found: FoundSession, durationSeconds: number | undefined): Plan => {
  const region = found.settings?.region
  const choice = partitionOf(found.entry.assumedRoleArn, region)
  if (!choice.ok) throw new AwscacheError(choice.reason, EXIT.error)
  const { partition } = choice
  const badDestination = argv.destination === undefined ? undefined : destinationProblem(argv.destination, partition)
  if (badDestination) throw new AwscacheError(badDestination, EXIT.usage)
  const destination = argv.destination ?? consoleHome(partition, region)
  if (
    durationSeconds !== undefined &&
    found.entry.type === 'assume-role' &&
    isRoleChained(loadAwsConfig(cacheInputs(argv).paths).profiles, found.settings)
  ) {
    throw new AwscacheError(
      `--duration cannot be used for "${argv.profile}": its role is assumed with another role's credentials (role chaining), and the sign-in endpoint refuses a duration for those; nothing was sent`,
      EXIT.usage,
    )
  }
  return { partition, destination, durationSeconds }
}

interface Browser {
  open: (url: string) => Promise<void>
}

const browserToUse = async (): Promise<Browser> => {
  const { firstAvailable, openInBrowser } = await import('../open-browser.js')
  const commands = browserCommands(process.env.BROWSER, platform())
  if (!commands.ok)
    throw new AwscacheError(commands.reason, EXIT.error, ['use --print to have the URL printed instead'])
  const command = firstAvailable(commands.commands, process.env, platform())
  return { open: url => openInBrowser(command, url) }
}

// Node's own debug output would print the request (its URL holds the keys) or the browser's arguments (the sign-in URL)
const refuseDebugging = (print: boolean): void => {
  const refusal =
    requestDebugRefusal(process.env.NODE_DEBUG) ?? (print ? undefined : spawnDebugRefusal(process.env.NODE_DEBUG))
  if (refusal) throw new AwscacheError(refusal, EXIT.error)
}

export const handler = async (argv: ConsoleArgs): Promise<void> => {
  // what the command line and the environment hold is checked before --refresh could ask for MFA
  refuseDebugging(argv.print)
  const duration = checkOptions(argv)
  const { caBundle, federationDispatcher, getSigninToken } = await import('../federation-request.js')
  const ca = caBundle(process.env)

  const found = await sessionForUse(argv)
  found.warnings.forEach(warn)
  const { partition, destination, durationSeconds } = plan(argv, found, duration)
  // a sign-in token must not be made for a browser that cannot be opened
  const browser = argv.print ? undefined : await browserToUse()
  const { credentials } = found.entry
  const answer = await getSigninToken(
    signinTokenUrl(partition, credentials, durationSeconds),
    await federationDispatcher(process.env, ca),
    [credentials.secretAccessKey, credentials.sessionToken],
  )
  const signin = parseSigninAnswer(answer.status, answer.body, durationSeconds)
  if (!signin.ok) throw new AwscacheError(signin.reason, EXIT.error)
  const url = loginUrl(partition, signin.token, destination)
  if (argv.print) return output(`${url}\n`)
  await (browser as Browser).open(url)
}
