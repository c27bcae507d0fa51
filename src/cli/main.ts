import { capability } from '../builder/capability.js'
import { describePolicy } from '../policy/policy.js'

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

function demo(io: CliIo): number {
  const builder = capability(DEMO)
    .forWorker(DEMO.workerSid)
    .allowFetchAttributes()
    .allowActivityUpdates()
    .allowReservationUpdates()
    .ttl(600)
  const record = builder.build()
  io.stdout(`${builder.sign()}\n\n`)
  io.stdout(
    `A ${record.target} token for ${record.targetSid}, valid ${record.ttl} s, with ${record.policies.length} rules:\n`,
  )
  for (const policy of record.policies) io.stdout(`  ${describePolicy(policy)}\n`)
  return 0
}

/** Runs the command line and returns its exit code. @internal */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'demo') return demo(io)
  io.stderr('usage: taskrouter-capability demo\n')
  return 2
}
