import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../config.js';

type JwtConfig = Config['jwt'];

const ALGORITHM = 'HS256';
const key = (config: JwtConfig): Uint8Array => new TextEncoder().encode(config.secret);

/** A short-lived access token for the user; `sub` is the user id. */
export async function issueAccessToken(config: JwtConfig, userId: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${config.expiresIn}s`)
    .sign(key(config));
}

/** Returns the user id of a valid token, or undefined (bad signature, wrong alg/iss/aud, expired). */
export async function verifyAccessToken(config: JwtConfig, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(config), {
      algorithms: [ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
    });
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
