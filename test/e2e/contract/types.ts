import type { ResolvedConfig } from '../../../src/config/types.js';

export interface ContractOptions {
  /** Where the server under test listens, e.g. `http://127.0.0.1:3000` (no trailing slash needed). */
  readonly baseUrl: string;
  /** The resolved data model the server was generated from. */
  readonly config: ResolvedConfig;
  /** Progress lines (one per probe). */
  readonly log?: (line: string) => void;
  /** Bound on every single request; a hung server must fail the probe, not the whole test run. Default 10 s. */
  readonly timeoutMs?: number;
  /**
   * Probe rate limiting (expects a 429 with Retry-After). Off by default because the harness starts servers
   * with RATE_LIMIT_PER_MINUTE=0; only enable against a server started with a small limit. Runs last.
   */
  readonly rateLimit?: boolean;
  /** How many requests the rate-limit probe sends at most before giving up. Default 300. */
  readonly rateLimitMaxRequests?: number;
  /**
   * The server's JWT_SECRET (auth: jwt): the security probes sign tokens with it that are correct but for one
   * claim (no exp, another iss or aud) and must be refused. Without it those probes are skipped.
   */
  readonly jwtSecret?: string;
  /** When the server was started with CORS_ORIGINS containing this origin, also check it is allowed. */
  readonly corsAllowedOrigin?: string;
}

export interface ProbeResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  /** The probe could not run for a reason that is not the server's fault (e.g. an unsupported pattern). */
  readonly skipped?: boolean;
}

export interface ObservedResponse {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface ContractReport {
  readonly ok: boolean;
  readonly probes: readonly ProbeResult[];
  /** Every response seen, in order: the raw material of the global checks (5xx, headers). */
  readonly responses: readonly ObservedResponse[];
}
