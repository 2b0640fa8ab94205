import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';
import { retryLater } from '../errors.js';
import { Semaphore, SemaphoreFullError } from './semaphore.js';

/** argon2id with the OWASP-recommended minimum cost (19 MiB, 2 iterations, 1 lane). */
const OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * One hash per core at a time, per process: more would only share the same cores while each holds its 19 MiB.
 * Up to 64 more sign-ups and logins wait their turn; beyond that a flood is answered 503 at once instead of
 * growing memory and latency for everyone.
 */
export const hashingSlots = new Semaphore(availableParallelism(), 64);

async function limited<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await hashingSlots.run(task);
  } catch (err) {
    if (err instanceof SemaphoreFullError) throw retryLater(503, 'The server is busy checking other passwords; retry in a second.', 1);
    throw err;
  }
}

export const hashPassword = (password: string): Promise<string> => limited(() => hash(password, OPTIONS));

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return limited(async () => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  });
}

/**
 * Compared against when the email is unknown, so that both failures take the same time. Made once per process
 * outside the slots: a refused first attempt must not leave a rejected promise here for good.
 */
let dummyHash: Promise<string> | undefined;
export const timingDummyHash = (): Promise<string> => (dummyHash ??= hash('timing-equaliser-not-a-password', OPTIONS));
