import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { accessToken, capability } from '../../src/index.js'
import { AC, AUTH_TOKEN, NOW, OTHER_AUTH_TOKEN, SEED_TOKEN, WK, WK_URL, WQ, WS, WS_URL } from '../fixtures.js'

// Every command runs as a child process against the built bin (`npm test` builds first).
const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url))
const SECRETS = [AUTH_TOKEN, OTHER_AUTH_TOKEN]
const EB = `https://event-bridge.twilio.com/v1/wschannels/${AC}/${WK}`

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
    encoding: 'utf8',
  })
  const run = { code: result.status, stdout: result.stdout, stderr: result.stderr }
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
  return run
}

const withToken = { env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } }
const mintSeed = ['mint', 'worker', WK, '--account', AC, '--workspace', WS]
const SEED_RULES = [
  `ALLOW GET ${EB}`,
  `ALLOW POST ${EB}`,
  `ALLOW GET ${WS_URL}/Activities`,
  `ALLOW GET ${WK_URL}`,
  `ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}}`,
  `ALLOW POST ${WS_URL}/Tasks/**`,
  `ALLOW POST ${WK_URL}/Reservations/**`,
]
const SEED_DESCRIPTION = [
  `worker ${WK}`,
  `account:   ${AC}`,
  `workspace: ${WS}`,
  `channel:   ${WK}`,
  `name:      ${WK}`,
  'issued:    2023-11-14T22:13:20.000Z',
  'expires:   2023-11-14T22:23:20.000Z',
  'rules (7):',
  ...SEED_RULES.map((rule) => `  ${rule}`),
].join('\n')

describe('mint', () => {
  it('prints the seed token alone, exactly, under a fixed clock', () => {
    const args = [...mintSeed, '--allow', 'fetch-attributes,activity-updates,reservation-updates', '--ttl', '600']
    expect(cli([...args, '--now', NOW.toISOString()], withToken)).toStrictEqual({
      code: 0,
      stdout: `${SEED_TOKEN}\n`,
      stderr: '',
    })
  })

  it('mints task queue and workspace tokens equal to the library’s', () => {
    const now = ['--now', NOW.toISOString()]
    const base = capability({ accountSid: AC, workspaceSid: WS, authToken: AUTH_TOKEN })
    expect(
      cli(
        ['mint', 'taskqueue', WQ, '--account', AC, '--workspace', WS, '--allow', 'fetch-subresources', ...now],
        withToken,
      ),
    ).toStrictEqual({
      code: 0,
      stdout: `${base.forTaskQueue(WQ).allowFetchSubresources().sign({ now: NOW })}\n`,
      stderr: '',
    })
    expect(
      cli(
        ['mint', 'workspace', '--account', AC, '--workspace', WS, '--allow', 'delete,updates', '--ttl', '60', ...now],
        withToken,
      ),
    ).toStrictEqual({
      code: 0,
      stdout: `${base.forWorkspace().allowDelete().allowUpdates().ttl(60).sign({ now: NOW })}\n`,
      stderr: '',
    })
  })

  it('refuses a missing secret, naming the variable', () => {
    expect(cli(mintSeed)).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: "error: mint: set TWILIO_AUTH_TOKEN to the account's auth token [ERR_MISSING_AUTH_TOKEN]\n",
    })
  })

  it('refuses bad values, naming them, and prints no token', () => {
    expect(cli(['mint', 'worker', 'WK1', '--account', AC, '--workspace', WS], withToken)).toStrictEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: forWorker(): workerSid must be "WK" followed by 32 lowercase hex digits, got "WK1" [ERR_INVALID_SID]\n',
    })
    expect(cli([...mintSeed, '--ttl', '0'], withToken)).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'error: ttl(): seconds must be a whole number from 1 to 86400, got number 0 [ERR_INVALID_TTL]\n',
    })
    expect(cli([...mintSeed, '--ttl', '1h'], withToken)).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `error: --ttl must be whole seconds, got "1h"\nRun 'taskrouter-capability --help' for usage.\n`,
    })
    expect(
      cli(['mint', 'taskqueue', WQ, '--account', AC, '--workspace', WS, '--allow', 'activity-updates'], withToken),
    ).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `error: --allow: "activity-updates" is not a taskqueue permission; use fetch-subresources, updates, updates-subresources, delete, delete-subresources\nRun 'taskrouter-capability --help' for usage.\n`,
    })
    expect(cli(['mint', 'worker', WK, '--workspace', WS], withToken).stderr).toBe(
      `error: mint needs --account <AC…>\nRun 'taskrouter-capability --help' for usage.\n`,
    )
    expect(cli([...mintSeed, '--now', 'yesterday'], withToken).code).toBe(2)
  })

  it('refuses a short auth token without printing it', () => {
    expect(cli(mintSeed, { env: { TWILIO_AUTH_TOKEN: 'too-short-secret' } })).toStrictEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: capability(): authToken must be at least 32 characters (HS256 needs a 256-bit key), got 16 [ERR_INVALID_AUTH_TOKEN]\n',
    })
  })
})

describe('decode', () => {
  it('describes a token without a secret', () => {
    expect(cli(['decode', SEED_TOKEN])).toStrictEqual({ code: 0, stdout: `${SEED_DESCRIPTION}\n`, stderr: '' })
  })

  it('reads the token from stdin with -', () => {
    expect(cli(['decode', '-'], { input: `${SEED_TOKEN}\n` })).toStrictEqual({
      code: 0,
      stdout: `${SEED_DESCRIPTION}\n`,
      stderr: '',
    })
  })

  it('prints the record as JSON with --json', () => {
    const run = cli(['decode', SEED_TOKEN, '--json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toStrictEqual({
      target: 'worker',
      targetSid: WK,
      accountSid: AC,
      workspaceSid: WS,
      channel: WK,
      friendlyName: WK,
      version: 'v1',
      ttl: 600,
      policies: JSON.parse(
        JSON.stringify(
          capability({ accountSid: AC, workspaceSid: WS })
            .forWorker(WK)
            .allowFetchAttributes()
            .allowActivityUpdates()
            .allowReservationUpdates()
            .build().policies,
        ),
      ),
      issuedAt: '2023-11-14T22:13:20.000Z',
      expiresAt: '2023-11-14T22:23:20.000Z',
    })
  })

  it('describes an access token', () => {
    const token = accessToken({
      accountSid: AC,
      apiKeySid: 'SK0123456789abcdef0123456789abcdef',
      apiKeySecret: AUTH_TOKEN,
    })
      .identity('alice')
      .taskRouter({ workspaceSid: WS, workerSid: WK, role: 'worker' })
      .sign({ now: NOW })
    expect(cli(['decode', token])).toStrictEqual({
      code: 0,
      stdout: [
        'access token for alice',
        `account:   ${AC}`,
        'api key:   SK0123456789abcdef0123456789abcdef',
        'issued:    2023-11-14T22:13:20.000Z',
        'expires:   2023-11-14T23:13:20.000Z',
        `task_router grant: workspace ${WS}, worker ${WK}, role worker`,
        '',
      ].join('\n'),
      stderr: '',
    })
  })

  it('refuses garbage with the error code', () => {
    expect(cli(['decode', 'not-a-token'])).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'error: decode(): the token is not three base64url parts of JSON objects [ERR_TOKEN_MALFORMED]\n',
    })
    expect(cli(['decode'])).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `error: a token is needed: pass it, or - to read it from stdin\nRun 'taskrouter-capability --help' for usage.\n`,
    })
  })
})

describe('verify', () => {
  const at = ['--now', '2023-11-14T22:15:00Z']

  it('checks the signature with TWILIO_AUTH_TOKEN and describes the token', () => {
    expect(cli(['verify', SEED_TOKEN, ...at], withToken)).toStrictEqual({
      code: 0,
      stdout: `${SEED_DESCRIPTION}\n`,
      stderr: '',
    })
    expect(cli(['verify', '-', ...at], { ...withToken, input: SEED_TOKEN })).toStrictEqual({
      code: 0,
      stdout: `${SEED_DESCRIPTION}\n`,
      stderr: '',
    })
  })

  it('refuses a token signed with another secret, an expired token, a missing secret', () => {
    expect(cli(['verify', SEED_TOKEN, ...at], { env: { TWILIO_AUTH_TOKEN: OTHER_AUTH_TOKEN } })).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'error: verify(): the token signature does not match the auth token [ERR_TOKEN_SIGNATURE]\n',
    })
    expect(cli(['verify', SEED_TOKEN], withToken)).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: 'error: verify(): the token expired at 2023-11-14T22:23:20.000Z [ERR_TOKEN_EXPIRED]\n',
    })
    expect(cli(['verify', SEED_TOKEN, ...at])).toStrictEqual({
      code: 1,
      stdout: '',
      stderr: "error: verify: set TWILIO_AUTH_TOKEN to check this token's signature [ERR_MISSING_AUTH_TOKEN]\n",
    })
  })
})

describe('explain', () => {
  it('prints one line per rule', () => {
    expect(cli(['explain', SEED_TOKEN])).toStrictEqual({ code: 0, stdout: `${SEED_RULES.join('\n')}\n`, stderr: '' })
  })

  it('with --request, prints the decision and its reason; exit 0 allowed, 1 denied', () => {
    const reservation = `${WK_URL}/Reservations/WR0123456789abcdef0123456789abcdef`
    expect(cli(['explain', SEED_TOKEN, '--request', `POST ${reservation} ReservationStatus=accepted`])).toStrictEqual({
      code: 0,
      stdout: `${SEED_RULES.join('\n')}\nALLOWED: POST ${reservation} is allowed by ALLOW POST ${WK_URL}/Reservations/**\n`,
      stderr: '',
    })
    expect(cli(['explain', '-', '--request', `POST ${WK_URL} Attributes={}`], { input: SEED_TOKEN })).toStrictEqual({
      code: 1,
      stdout: `${SEED_RULES.join('\n')}\nDENIED: POST ${WK_URL} is denied: no rule matches (ALLOW POST ${WK_URL} post {"ActivitySid":{"required":true}} does not match: parameter Attributes is not named by the post filter)\n`,
      stderr: '',
    })
    expect(
      cli(['explain', SEED_TOKEN, '--request', `DELETE ${WK_URL}`])
        .stdout.split('\n')
        .at(-2),
    ).toBe(`DENIED: DELETE ${WK_URL} is denied: no rule matches (the rules for this URL are for GET, POST only)`)
  })

  it('refuses a request it cannot read', () => {
    expect(cli(['explain', SEED_TOKEN, '--request', `POST ${WK_URL} Attributes`])).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `error: --request parameters are Name=value, got "Attributes"\nRun 'taskrouter-capability --help' for usage.\n`,
    })
  })
})

describe('demo, help and mistakes', () => {
  it('demo mints a token with fake credentials and explains it', () => {
    const run = cli(['demo'])
    expect(run.code).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('A worker token signed with obviously fake credentials (no Twilio account accepts it):')
    expect(lines[2]).toMatch(/^eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.[\w-]+\.[\w-]+$/)
    expect(lines.slice(4, 9)).toStrictEqual([
      'worker WK00000000000000000000000000000000',
      'account:   AC00000000000000000000000000000000',
      'workspace: WS00000000000000000000000000000000',
      'channel:   WK00000000000000000000000000000000',
      'name:      WK00000000000000000000000000000000',
    ])
    expect(lines).toContain('rules (7):')
    expect(run.stdout).not.toContain('demo-auth-token-not-a-real-secret-0000')
  })

  it.each(['mint', 'decode', 'verify', 'explain', 'demo'])('%s --help prints its usage', (command) => {
    const run = cli([command, '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^usage: taskrouter-capability ${command}`))
  })

  it('--help lists every command; no command is a usage error', () => {
    const help = cli(['--help'])
    expect(help.code).toBe(0)
    for (const command of ['mint worker', 'mint taskqueue', 'mint workspace', 'decode', 'verify', 'explain', 'demo']) {
      expect(help.stdout).toContain(`taskrouter-capability ${command}`)
    }
    expect(cli([])).toStrictEqual({ code: 2, stdout: '', stderr: help.stdout })
    expect(cli(['frob'])).toStrictEqual({
      code: 2,
      stdout: '',
      stderr: `error: unknown command "frob"\nRun 'taskrouter-capability --help' for usage.\n`,
    })
  })
})
