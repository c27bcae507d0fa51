import { parseArgs } from 'node:util'
import type { CapabilityBuilder } from '../builder/base.js'
import { capability } from '../builder/capability.js'
import type { DecodedCapability } from '../claims/parse.js'
import { decide } from '../decide/decide.js'
import { CapabilityError } from '../errors.js'
import { decodeAccessToken, verifyAccessToken } from '../jwt/access.js'
import { decode } from '../jwt/decode.js'
import { ACCESS_TOKEN_CTY, decodeParts } from '../jwt/read.js'
import { verify } from '../jwt/verify.js'
import type { CapabilityRecord } from '../record.js'
import { describeAccessToken, describeCapability, describeDecision, ruleLines, toJson } from './render.js'

/** Where the command line reads and writes; a test passes its own. @internal */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>
  readonly stdin: AsyncIterable<Buffer | string>
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

/** Obviously fake credentials for `demo`: they sign a well-formed token no account accepts. @internal */
export const DEMO = {
  accountSid: 'AC00000000000000000000000000000000',
  workspaceSid: 'WS00000000000000000000000000000000',
  workerSid: 'WK00000000000000000000000000000000',
  authToken: 'demo-auth-token-not-a-real-secret-0000',
} as const

const AUTH_TOKEN_VARIABLE = 'TWILIO_AUTH_TOKEN'
const API_KEY_SECRET_VARIABLE = 'TWILIO_API_KEY_SECRET'

/** A usage mistake: exit 2 and a hint to the help. */
class UsageError extends Error {}

const HELP = {
  main: `taskrouter-capability: mint, decode, verify and explain Twilio TaskRouter tokens

usage:
  taskrouter-capability mint worker <WK…> --account <AC…> --workspace <WS…> [--allow LIST] [--ttl SECONDS]
  taskrouter-capability mint taskqueue <WQ…> --account <AC…> --workspace <WS…> [--allow LIST] [--ttl SECONDS]
  taskrouter-capability mint workspace --account <AC…> --workspace <WS…> [--allow LIST] [--ttl SECONDS]
  taskrouter-capability decode <token|-> [--json]
  taskrouter-capability verify <token|-> [--json]
  taskrouter-capability explain <token|-> [--request "METHOD URL [Name=value …]"]
  taskrouter-capability demo

'<command> --help' tells more. Secrets come from the environment only:
${AUTH_TOKEN_VARIABLE} (capability tokens), ${API_KEY_SECRET_VARIABLE} (access tokens).
`,
  mint: `usage: taskrouter-capability mint worker|taskqueue|workspace [SID] --account <AC…> --workspace <WS…>
                                  [--allow LIST] [--ttl SECONDS] [--now ISO-8601]

Prints a signed capability token, alone, on stdout. The auth token comes from
${AUTH_TOKEN_VARIABLE}, never from a flag (a flag's value shows in ps).

  --allow LIST   comma-separated permissions: fetch-attributes, activity-updates,
                 reservation-updates, fetch-reservations (workers only), fetch-subresources,
                 updates, updates-subresources, delete, delete-subresources
  --ttl SECONDS  lifetime, 1 to 86400 (default 3600)
  --now TIME     issue time, ISO 8601 (default: the clock)
`,
  decode: `usage: taskrouter-capability decode <token|-> [--json]

Prints what a capability or access token says, WITHOUT checking its signature.
'-' reads the token from stdin. --json prints the record as JSON.
`,
  verify: `usage: taskrouter-capability verify <token|-> [--json] [--now ISO-8601]

Checks a token's algorithm (HS256 only), signature, times and claims, then prints it.
The secret comes from ${AUTH_TOKEN_VARIABLE} (capability tokens) or
${API_KEY_SECRET_VARIABLE} (access tokens). Exits 1 when the token is refused.
`,
  explain: `usage: taskrouter-capability explain <token|-> [--request "METHOD URL [Name=value …]"]

Prints one line per rule (ALLOW/DENY, method, URL, filters), without checking the
signature. With --request, also says whether TaskRouter would allow that request and
why; parameters are the form body for POST and the query otherwise. Exits 0 when the
request is allowed, 1 when it is denied.
`,
  demo: `usage: taskrouter-capability demo

Mints a worker token with built-in, obviously fake credentials and explains it.
`,
} as const

type Permission = 'fetch-attributes' | 'activity-updates' | 'reservation-updates' | 'fetch-reservations'

const WORKER_PERMISSIONS: Readonly<Record<Permission, string>> = {
  'fetch-attributes': 'allowFetchAttributes',
  'activity-updates': 'allowActivityUpdates',
  'reservation-updates': 'allowReservationUpdates',
  'fetch-reservations': 'allowFetchReservations',
}
const COMMON_PERMISSIONS: Readonly<Record<string, string>> = {
  'fetch-subresources': 'allowFetchSubresources',
  updates: 'allowUpdates',
  'updates-subresources': 'allowUpdatesSubresources',
  delete: 'allowDelete',
  'delete-subresources': 'allowDeleteSubresources',
}

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined
  const date = new Date(value)
  if (Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new UsageError(`--now must be an ISO 8601 time such as 2026-12-04T10:00:00Z, got ${JSON.stringify(value)}`)
  }
  return date
}

function parseTtl(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`--ttl must be whole seconds, got ${JSON.stringify(value)}`)
  return Number(value)
}

function mint(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      workspace: { type: 'string' },
      allow: { type: 'string' },
      ttl: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  if (values.help) {
    io.stdout(HELP.mint)
    return 0
  }
  const [kind, sid, ...extra] = positionals
  if (kind !== 'worker' && kind !== 'taskqueue' && kind !== 'workspace') {
    throw new UsageError(
      `mint needs worker, taskqueue or workspace, got ${kind === undefined ? 'nothing' : JSON.stringify(kind)}`,
    )
  }
  if (kind === 'workspace' ? sid !== undefined : sid === undefined || extra.length > 0) {
    throw new UsageError(
      kind === 'workspace' ? 'mint workspace takes no SID: use --workspace' : `mint ${kind} needs one SID`,
    )
  }
  if (values.account === undefined) throw new UsageError('mint needs --account <AC…>')
  if (values.workspace === undefined) throw new UsageError('mint needs --workspace <WS…>')
  const authToken = io.env[AUTH_TOKEN_VARIABLE]
  if (authToken === undefined || authToken === '') {
    throw new CapabilityError('ERR_MISSING_AUTH_TOKEN', `mint: set ${AUTH_TOKEN_VARIABLE} to the account's auth token`)
  }
  const now = parseNow(values.now)
  const ttl = parseTtl(values.ttl)
  const start = capability({ accountSid: values.account as never, workspaceSid: values.workspace as never, authToken })
  let builder: CapabilityBuilder<CapabilityRecord> =
    kind === 'worker'
      ? start.forWorker(sid as never)
      : kind === 'taskqueue'
        ? start.forTaskQueue(sid as never)
        : start.forWorkspace()
  const permissions: Readonly<Record<string, string>> =
    kind === 'worker' ? { ...WORKER_PERMISSIONS, ...COMMON_PERMISSIONS } : COMMON_PERMISSIONS
  for (const name of (values.allow ?? '').split(',').filter((name) => name !== '')) {
    const method = Object.hasOwn(permissions, name) ? permissions[name] : undefined
    if (method === undefined) {
      throw new UsageError(
        `--allow: ${JSON.stringify(name)} is not a ${kind} permission; use ${Object.keys(permissions).join(', ')}`,
      )
    }
    builder = (builder as unknown as Record<string, () => typeof builder>)[method]?.() ?? builder
  }
  if (ttl !== undefined) builder = builder.ttl(ttl)
  io.stdout(`${builder.sign(now === undefined ? {} : { now })}\n`)
  return 0
}

async function readToken(value: string | undefined, io: CliIo): Promise<string> {
  if (value === undefined) throw new UsageError('a token is needed: pass it, or - to read it from stdin')
  if (value !== '-') return value
  let text = ''
  for await (const chunk of io.stdin) text += chunk.toString()
  return text.trim()
}

function isAccessToken(token: string): boolean {
  try {
    return decodeParts('decode', token).header['cty'] === ACCESS_TOKEN_CTY
  } catch {
    return false // not a token at all: decode() will say why
  }
}

function tokenCommand(name: 'decode' | 'verify' | 'explain') {
  return async (args: readonly string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        now: { type: 'string' },
        request: { type: 'string' },
        help: { type: 'boolean' },
      },
    })
    if (values.help) {
      io.stdout(HELP[name])
      return 0
    }
    if (positionals.length > 1) throw new UsageError(`${name} takes one token`)
    if (name !== 'explain' && values.request !== undefined) throw new UsageError(`--request belongs to explain`)
    if (name === 'explain' && values.json) throw new UsageError('--json belongs to decode and verify')
    if (name !== 'verify' && values.now !== undefined) throw new UsageError('--now belongs to verify and mint')
    const token = await readToken(positionals[0], io)
    const now = parseNow(values.now)
    const access = isAccessToken(token)
    const variable = access ? API_KEY_SECRET_VARIABLE : AUTH_TOKEN_VARIABLE
    const secret = name === 'verify' ? io.env[variable] : undefined
    if (name === 'verify' && (secret === undefined || secret === '')) {
      throw new CapabilityError('ERR_MISSING_AUTH_TOKEN', `verify: set ${variable} to check this token's signature`)
    }
    const options = now === undefined ? {} : { now }
    if (access) {
      if (name === 'explain') throw new UsageError('explain reads capability tokens; an access token has no rules')
      const record = secret === undefined ? decodeAccessToken(token) : verifyAccessToken(token, secret, options)
      io.stdout(`${values.json ? toJson(record) : describeAccessToken(record).join('\n')}\n`)
      return 0
    }
    const record: DecodedCapability = secret === undefined ? decode(token) : verify(token, secret, options)
    if (name !== 'explain') {
      io.stdout(`${values.json ? toJson(record) : describeCapability(record).join('\n')}\n`)
      return 0
    }
    const request = values.request === undefined ? undefined : parseRequest(values.request)
    io.stdout(`${ruleLines(record).join('\n')}\n`)
    if (request === undefined) return 0
    const decision = decide(record, request)
    io.stdout(`${describeDecision(decision)}\n`)
    return decision.allowed ? 0 : 1
  }
}

function parseRequest(text: string) {
  const [method, url, ...pairs] = text.trim().split(/\s+/)
  if (method === undefined || url === undefined || method === '') {
    throw new UsageError(`--request must be "METHOD URL [Name=value …]", got ${JSON.stringify(text)}`)
  }
  const params: Record<string, string> = {}
  for (const pair of pairs) {
    const cut = pair.indexOf('=')
    if (cut <= 0) throw new UsageError(`--request parameters are Name=value, got ${JSON.stringify(pair)}`)
    params[pair.slice(0, cut)] = pair.slice(cut + 1)
  }
  return method === 'POST' ? { method, url, form: params } : { method, url, query: params }
}

function demo(args: readonly string[], io: CliIo): number {
  if (args.includes('--help')) {
    io.stdout(HELP.demo)
    return 0
  }
  if (args.length > 0) throw new UsageError('demo takes no arguments')
  const builder = capability(DEMO)
    .forWorker(DEMO.workerSid)
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .ttl(600)
  const token = builder.sign()
  io.stdout(`A worker token signed with obviously fake credentials (no Twilio account accepts it):\n\n${token}\n\n`)
  io.stdout(`${describeCapability(decode(token)).join('\n')}\n\n`)
  const url = `https://taskrouter.twilio.com/v1/Workspaces/${DEMO.workspaceSid}/Workers/${DEMO.workerSid}`
  for (const form of [{ ActivitySid: 'WA00000000000000000000000000000000' }, { Attributes: '{}' }]) {
    const [name, value] = Object.entries(form)[0] ?? []
    io.stdout(
      `POST …/Workers/${DEMO.workerSid} ${name}=${value}\n  ${describeDecision(decide(builder.build(), { method: 'POST', url, form }))}\n`,
    )
  }
  return 0
}

const COMMANDS: Readonly<Record<string, (args: readonly string[], io: CliIo) => number | Promise<number>>> = {
  mint,
  decode: tokenCommand('decode'),
  verify: tokenCommand('verify'),
  explain: tokenCommand('explain'),
  demo,
}

/** Runs the command line and returns its exit code. @internal */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    ;(command === undefined ? io.stderr : io.stdout)(HELP.main)
    return command === undefined ? 2 : 0
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
  try {
    if (run === undefined) throw new UsageError(`unknown command ${JSON.stringify(command)}`)
    return await run(rest, io)
  } catch (error) {
    if (error instanceof CapabilityError) {
      io.stderr(`error: ${error.message} [${error.code}]\n`)
      return 1
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`error: ${(error as Error).message}\nRun 'taskrouter-capability --help' for usage.\n`)
      return 2
    }
    throw error
  }
}
