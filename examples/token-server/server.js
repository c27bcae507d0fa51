// A small token server for TaskRouter.js: GET /token/worker/:workerSid returns a fresh
// capability token and its expiry as JSON. Run it with
//
//   TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… TWILIO_WORKSPACE_SID=WS… TASKROUTER_WORKERS=WK…,WK… \
//     node examples/token-server/server.js
//
// and open http://127.0.0.1:3000/ for the page that uses it.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { CapabilityError, capability } from 'taskrouter-capability'

const PAGE = new URL('./index.html', import.meta.url)
const WORKER_PATH = /^\/token\/worker\/([^/]+)$/

/**
 * Creates the HTTP server (not yet listening).
 *
 * @param {object} options
 * @param {`AC${string}`} options.accountSid
 * @param {`WS${string}`} options.workspaceSid
 * @param {string} options.authToken
 * @param {(workerSid: string) => boolean} options.isKnownWorker - whether this server may mint for that worker
 * @param {number} [options.ttl] - token lifetime in seconds (default 3600)
 * @param {() => Date} [options.now] - the clock, for tests
 */
export function createTokenServer({
  accountSid,
  workspaceSid,
  authToken,
  isKnownWorker,
  ttl = 3600,
  now = () => new Date(),
}) {
  // Checked once, at start-up: a bad SID or a short auth token stops the server here.
  const start = capability({ accountSid, workspaceSid, authToken })

  return createServer(async (request, response) => {
    const send = (status, body, type = 'application/json; charset=utf-8') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
      response.end(type.startsWith('application/json') ? JSON.stringify(body) : body)
    }
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (request.method !== 'GET') return send(405, { error: 'only GET is served' })
    if (url.pathname === '/') return send(200, await readFile(PAGE, 'utf8'), 'text/html; charset=utf-8')

    const match = WORKER_PATH.exec(url.pathname)
    if (match === null) return send(404, { error: 'not found' })
    const workerSid = decodeURIComponent(match[1] ?? '')
    try {
      // forWorker() refuses a malformed SID (wrong prefix, not 32 hex digits, `/`, `..`).
      const worker = start.forWorker(workerSid)
      if (!isKnownWorker(workerSid)) return send(400, { error: 'unknown worker', code: 'ERR_UNKNOWN_WORKER' })
      const issuedAt = now()
      const token = worker
        .allowFetchAttributes()
        .allowActivityUpdates()
        .allowReservationUpdates()
        .ttl(ttl)
        .sign({ now: issuedAt })
      return send(200, { token, expiresAt: new Date(issuedAt.getTime() + ttl * 1000).toISOString(), ttl })
    } catch (error) {
      // CapabilityError messages name the bad value and never hold the auth token.
      if (error instanceof CapabilityError) return send(400, { error: error.message, code: error.code })
      return send(500, { error: 'internal error' })
    }
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const env = process.env
  const known = new Set((env.TASKROUTER_WORKERS ?? '').split(',').filter(Boolean))
  const server = createTokenServer({
    accountSid: /** @type {`AC${string}`} */ (env.TWILIO_ACCOUNT_SID),
    workspaceSid: /** @type {`WS${string}`} */ (env.TWILIO_WORKSPACE_SID),
    authToken: env.TWILIO_AUTH_TOKEN ?? '',
    isKnownWorker: (sid) => known.has(sid),
    ttl: Number(env.TOKEN_TTL ?? 3600),
  })
  const port = Number(env.PORT ?? 3000)
  server.listen(port, '127.0.0.1', () => console.log(`token server on http://127.0.0.1:${port}/`))
}
