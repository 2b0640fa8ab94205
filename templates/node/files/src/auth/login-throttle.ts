/** Failed logins are counted for 15 minutes. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Keys kept before expired ones are swept (and, past that, the oldest dropped): bounds memory under a flood. */
const MAX_KEYS = 100_000;

/**
 * Failed-login counter, in memory: per process and per app instance (buildApp creates one), so several
 * replicas each count on their own and a restart forgets. Two keys per attempt: the lower-cased email
 * (`maxFailures`) and the client address (ten times as many, so one user cannot lock out an office behind one
 * NAT address). A key with that many failures in the window is refused until its oldest counted failure
 * leaves the window. `maxFailures` 0 turns the throttle off.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly maxFailures: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until a login for this email from this address may be tried again; 0 when it may now. */
  retryAfterSeconds(email: string, address: string): number {
    if (this.maxFailures === 0) return 0;
    const waitMs = Math.max(this.lockedFor(emailKey(email), this.maxFailures), this.lockedFor(addressKey(address), this.maxFailures * 10));
    return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : 0;
  }

  recordFailure(email: string, address: string): void {
    if (this.maxFailures === 0) return;
    const at = this.now();
    for (const key of [emailKey(email), addressKey(address)]) {
      const list = this.recent(key, at);
      list.push(at);
      this.failures.set(key, list);
    }
    if (this.failures.size > MAX_KEYS) this.sweep(at);
  }

  /** A successful login clears the email's failures (not the address's: those may be other accounts'). */
  recordSuccess(email: string): void {
    this.failures.delete(emailKey(email));
  }

  /** Milliseconds until `key` drops below `limit` failures in the window. */
  private lockedFor(key: string, limit: number): number {
    const at = this.now();
    const list = this.recent(key, at);
    if (list.length < limit) return 0;
    return list[list.length - limit]! + THROTTLE_WINDOW_MS - at;
  }

  /** The failures of `key` still inside the window, oldest first. */
  private recent(key: string, at: number): number[] {
    const list = this.failures.get(key) ?? [];
    const firstLive = list.findIndex((t) => t > at - THROTTLE_WINDOW_MS);
    return firstLive === -1 ? [] : firstLive === 0 ? list : list.slice(firstLive);
  }

  private sweep(at: number): void {
    for (const [key, list] of this.failures) {
      if (list[list.length - 1]! <= at - THROTTLE_WINDOW_MS) this.failures.delete(key);
    }
    // Still too many live keys (a flood of distinct emails): forget the least recently added ones.
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }
}

const emailKey = (email: string): string => `email:${email.trim().toLowerCase()}`;
const addressKey = (address: string): string => `address:${address}`;
