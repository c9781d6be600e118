// The console command's pure parts: partitions and hosts, the two federation
// URLs, what the endpoint's answer means, role chaining, the browser command.
import t from 'tap'
import { argumentsFor, browserCommands, URL_SLOT } from '../../lib/console/browser-command.js'
import {
  consoleHome,
  destinationProblem,
  durationProblem,
  loginUrl,
  parseSigninAnswer,
  partitionOf,
  signinTokenUrl,
} from '../../lib/console/console-signin.js'
import { requestDebugRefusal } from '../../lib/node-diagnostics.js'
import type { Settings } from '../../lib/aws/profiles.js'
import { isRoleChained } from '../../lib/aws/role-chaining.js'

const CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLE000000001',
  secretAccessKey: 'se+cr/et=',
  sessionToken: 'to+ken/with=&signs?',
  expiration: 0,
}

t.test('the partition: from the ARN, else from the region, else aws', async t => {
  t.same(
    partitionOf('arn:aws:sts::123456789012:assumed-role/r/s', 'cn-north-1'),
    { ok: true, partition: 'aws' },
    'the ARN wins',
  )
  t.same(partitionOf('arn:aws-cn:sts::123456789012:assumed-role/r/s', undefined), { ok: true, partition: 'aws-cn' })
  t.same(partitionOf('arn:aws-us-gov:sts::123456789012:assumed-role/r/s', undefined), {
    ok: true,
    partition: 'aws-us-gov',
  })
  t.same(partitionOf(null, 'us-gov-west-1'), { ok: true, partition: 'aws-us-gov' })
  t.same(partitionOf(null, 'cn-northwest-1'), { ok: true, partition: 'aws-cn' })
  t.same(partitionOf(null, 'eu-west-1'), { ok: true, partition: 'aws' })
  t.same(partitionOf(null, undefined), { ok: true, partition: 'aws' })
  const iso = partitionOf('arn:aws-iso:sts::123456789012:assumed-role/r/s', 'us-iso-east-1')
  t.equal(iso.ok, false)
  t.match(iso, { reason: /partition "aws-iso", which has no sign-in endpoint/ })
})

t.test('the console home of each partition', async t => {
  t.equal(consoleHome('aws', 'eu-west-1'), 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1')
  t.equal(consoleHome('aws', undefined), 'https://console.aws.amazon.com/')
  t.equal(consoleHome('aws-cn', 'cn-north-1'), 'https://console.amazonaws.cn/console/home?region=cn-north-1')
  t.equal(
    consoleHome('aws-us-gov', 'us-gov-west-1'),
    'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
  )
  t.equal(
    consoleHome('aws-cn', 'eu-west-1'),
    'https://console.amazonaws.cn/',
    "a region of another partition is not the session's",
  )
  t.equal(
    consoleHome('aws', 'eu-west-1/../x?'),
    'https://console.aws.amazon.com/',
    'a region that is no name is not put in a URL',
  )
})

t.test("a destination: https, on the partition's domain, no user name", async t => {
  t.equal(destinationProblem('https://s3.console.aws.amazon.com/s3/home?region=eu-west-1', 'aws'), undefined)
  t.equal(destinationProblem('https://console.aws.amazon.com/', 'aws'), undefined)
  t.equal(destinationProblem('https://console.amazonaws.cn/ec2', 'aws-cn'), undefined)
  t.equal(destinationProblem('https://example.com/'), undefined, 'without a partition only the URL is judged')
  t.match(destinationProblem('console.aws.amazon.com'), /not a URL/)
  t.match(destinationProblem('http://console.aws.amazon.com/'), /https/)
  t.match(destinationProblem('https://me:pw@console.aws.amazon.com/'), /user name or password/)
  t.match(destinationProblem('https://example.com/', 'aws'), /under aws\.amazon\.com/)
  t.match(destinationProblem('https://evilaws.amazon.com.example.com/', 'aws'), /under aws\.amazon\.com/)
  t.match(
    destinationProblem('https://console.aws.amazon.com/', 'aws-cn'),
    /under amazonaws\.cn \(the session's partition is aws-cn\)/,
  )
})

t.test('getSigninToken: the session as JSON, encoded; SessionDuration only when asked', async t => {
  const url = new URL(signinTokenUrl('aws', CREDENTIALS))
  t.equal(url.origin + url.pathname, 'https://signin.aws.amazon.com/federation')
  t.equal(url.searchParams.get('Action'), 'getSigninToken')
  t.equal(url.searchParams.has('SessionDuration'), false)
  t.same(JSON.parse(url.searchParams.get('Session') as string), {
    sessionId: CREDENTIALS.accessKeyId,
    sessionKey: CREDENTIALS.secretAccessKey,
    sessionToken: CREDENTIALS.sessionToken,
  })
  t.notMatch(url.search, /[+/=&?]ken/, 'no character of the token is left unencoded')
  t.equal(new URL(signinTokenUrl('aws-us-gov', CREDENTIALS, 3600)).searchParams.get('SessionDuration'), '3600')
  t.equal(new URL(signinTokenUrl('aws-cn', CREDENTIALS)).host, 'signin.amazonaws.cn')
  t.equal(new URL(signinTokenUrl('aws-us-gov', CREDENTIALS)).host, 'signin.amazonaws-us-gov.com')
})

t.test('the login URL', async t => {
  const url = new URL(
    loginUrl('aws', 'TOKEN+/=', 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1'),
  )
  t.equal(url.origin + url.pathname, 'https://signin.aws.amazon.com/federation')
  t.same(Object.fromEntries(url.searchParams), {
    Action: 'login',
    Issuer: 'awscache',
    Destination: 'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    SigninToken: 'TOKEN+/=',
  })
  t.equal(new URL(loginUrl('aws-cn', 't', 'https://console.amazonaws.cn/')).host, 'signin.amazonaws.cn')
})

t.test("the endpoint's answer, in words; its body never quoted", async t => {
  t.same(parseSigninAnswer(200, '{"SigninToken":"abc"}'), { ok: true, token: 'abc' })
  for (const status of [400, 401, 403]) {
    const r = parseSigninAnswer(status, '<html>secret-looking page</html>')
    t.match(r, { ok: false, reason: new RegExp(`refused the session \\(HTTP ${status}\\): it may have expired`) })
    t.notMatch(JSON.stringify(r), /secret-looking/)
  }
  t.match(parseSigninAnswer(400, '', 3600), { ok: false, reason: /or the --duration/ })
  t.match(parseSigninAnswer(503, ''), { ok: false, reason: 'the sign-in endpoint answered HTTP 503; try again later' })
  t.match(parseSigninAnswer(200, 'not json'), { ok: false, reason: /other than JSON/ })
  for (const body of ['{}', '{"SigninToken":""}', '{"SigninToken":5}', 'null', '[]']) {
    t.match(parseSigninAnswer(200, body), { ok: false, reason: /without a sign-in token/ }, body)
  }
})

t.test('--duration: 15 minutes to 12 hours', async t => {
  t.equal(durationProblem(900), undefined)
  t.equal(durationProblem(43_200), undefined)
  t.match(durationProblem(899), /between 15m and 12h/)
  t.match(durationProblem(43_201), /between 15m and 12h/)
})

const settings = (o: Record<string, string>): Settings => Object.assign(Object.create(null) as Settings, o)

t.test('role chaining: a role assumed with role credentials', async t => {
  const profiles = new Map<string, Settings>([
    ['user', settings({ aws_access_key_id: 'AKIA', aws_secret_access_key: 's' })],
    ['role', settings({ role_arn: 'arn:aws:iam::123456789012:role/a', source_profile: 'user' })],
    ['sso', settings({ sso_session: 'acme', sso_account_id: '1', sso_role_name: 'Dev' })],
    ['oidc', settings({ role_arn: 'arn:aws:iam::123456789012:role/w', web_identity_token_file: '/t' })],
    ['process', settings({ credential_process: 'get-keys' })],
    [
      'self',
      settings({
        aws_access_key_id: 'AKIA',
        aws_secret_access_key: 's',
        role_arn: 'arn:aws:iam::123456789012:role/s',
        source_profile: 'self',
      }),
    ],
  ])
  const role = (o: Record<string, string>) => settings({ role_arn: 'arn:aws:iam::123456789012:role/b', ...o })
  t.equal(isRoleChained(profiles, role({ source_profile: 'user' })), false, 'from static keys')
  t.equal(isRoleChained(profiles, role({ source_profile: 'process' })), false, 'from credential_process')
  t.equal(
    isRoleChained(profiles, role({ source_profile: 'self' })),
    false,
    'a profile with static keys that is its own source uses its keys',
  )
  t.equal(isRoleChained(profiles, role({ source_profile: 'role' })), true, 'from another role')
  t.equal(isRoleChained(profiles, role({ source_profile: 'sso' })), true, 'from an SSO role')
  t.equal(isRoleChained(profiles, role({ source_profile: 'oidc' })), true, 'from a web identity role')
  t.equal(isRoleChained(profiles, role({ credential_source: 'Ec2InstanceMetadata' })), true, 'from an instance role')
  t.equal(isRoleChained(profiles, role({ credential_source: 'EcsContainer' })), true, 'from a task role')
  t.equal(
    isRoleChained(profiles, role({ credential_source: 'Environment' })),
    false,
    'from the environment: cannot be told',
  )
  t.equal(isRoleChained(profiles, profiles.get('sso')), false, 'an SSO session')
  t.equal(isRoleChained(profiles, profiles.get('oidc')), false, 'a web identity session')
  t.equal(isRoleChained(profiles, role({ source_profile: 'gone' })), false)
  t.equal(isRoleChained(profiles, undefined), false, 'an entry no profile maps to')
})

t.test("the browser command: $BROWSER, else the platform's opener", async t => {
  const url = 'https://signin.aws.amazon.com/federation?Action=login&a=b'
  const only = (browser: string | undefined, platform: NodeJS.Platform) => {
    const r = browserCommands(browser, platform)
    if (!r.ok) throw new Error(r.reason)
    return r.commands.map(c => ({ file: c.file, args: argumentsFor(c, url), verbatim: c.verbatim }))
  }
  t.same(only(undefined, 'linux'), [{ file: 'xdg-open', args: [url], verbatim: undefined }])
  t.same(only(undefined, 'freebsd'), [{ file: 'xdg-open', args: [url], verbatim: undefined }])
  t.same(only(undefined, 'darwin'), [{ file: 'open', args: [url], verbatim: undefined }])
  t.same(
    only(undefined, 'win32'),
    [{ file: 'cmd.exe', args: ['/d', '/s', '/c', `"start "" "${url}""`], verbatim: true }],
    'the & in the URL is quoted for cmd',
  )
  t.same(only('firefox', 'darwin'), [{ file: 'firefox', args: [url], verbatim: undefined }], 'BROWSER wins')
  t.same(only("'/opt/my browser/run' --new-window", 'linux'), [
    { file: '/opt/my browser/run', args: ['--new-window', url], verbatim: undefined },
  ])
  t.same(
    only('chromium --app=%s --x:firefox', 'linux').map(c => [c.file, ...c.args]),
    [
      ['chromium', `--app=${url}`, '--x'],
      ['firefox', url],
    ],
    'a ":" list, %s placed',
  )
  t.match(browserCommands(' : ', 'linux'), { ok: false, reason: /names no command/ })
  t.match(browserCommands('"unclosed', 'linux'), { ok: false, reason: /not a command line/ })
  t.equal(URL_SLOT, '%s')
})

t.test('NODE_DEBUG that would print the sign-in request is refused', async t => {
  for (const value of ['undici', 'fetch', 'stream', 'net,UNDICI', '*', 'und*'])
    t.match(requestDebugRefusal(value), /NODE_DEBUG turns on/, value)
  for (const value of [undefined, '', 'net,tls,http,https', 'child_process'])
    t.equal(requestDebugRefusal(value), undefined, String(value))
})
