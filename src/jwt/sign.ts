import { createSigner } from 'fast-jwt'
import { BoundedCache } from '../lib/lru.js'
import type { Secret } from '../lib/secret.js'
import { ACCESS_TOKEN_CTY } from './read.js'

type Signer = (payload: object) => string

/** How many secrets keep a ready signer. @internal */
export const SIGNER_CACHE_SIZE = 256

const capabilitySigners = new BoundedCache<string, Signer>(SIGNER_CACHE_SIZE)
const accessSigners = new BoundedCache<string, Signer>(SIGNER_CACHE_SIZE)

/**
 * Signs claims as an HS256 JWS with header `{"alg":"HS256","typ":"JWT"}`. The claims must
 * carry their own `iat` and `exp`; fast-jwt keeps them as given. @internal
 */
export function signCapabilityClaims(claims: object, secret: Secret): string {
  return capabilitySigners.get(secret.reveal(), createCapabilitySigner)(claims)
}

const createCapabilitySigner = (key: string): Signer => createSigner({ key, algorithm: 'HS256' }) as Signer
const createAccessSigner = (key: string): Signer =>
  createSigner({ key, algorithm: 'HS256', header: { alg: 'HS256', cty: ACCESS_TOKEN_CTY } }) as Signer

/** Signs access-token claims, header `{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}`. @internal */
export function signAccessClaims(claims: object, secret: Secret): string {
  return accessSigners.get(secret.reveal(), createAccessSigner)(claims)
}
