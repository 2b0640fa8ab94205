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

/**
 * Returns the user id of a valid token, or undefined: a bad signature, another algorithm than HS256 (`none`
 * included), a missing or expired `exp`, or an `iss`/`aud` that is missing or not this API's.
 */
export async function verifyAccessToken(config: JwtConfig, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, key(config), {
      algorithms: [ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
      // A token without exp would be valid forever.
      requiredClaims: ['sub', 'iat', 'exp', 'iss', 'aud'],
      clockTolerance: 5,
    });
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
