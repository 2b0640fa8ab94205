import type { ResolvedConfig } from '../config/types.js';

/**
 * The one-time local setup that the generated README's first line does before migrating, for the "Next:" lines
 * after `create`: without it a new user's first `migrate` or `start` stops at a missing JWT_SECRET or an absent
 * database server. Stacks whose server reads `.env` start from a copy of `.env.example`; the others (Java) take
 * the secret from the environment.
 */
export function localSetup(config: Pick<ResolvedConfig, 'auth' | 'database'>, readsDotEnv: boolean): string[] {
  const steps: string[] = [];
  if (readsDotEnv) steps.push('cp .env.example .env' + (config.auth === 'jwt' ? '   # then set JWT_SECRET in .env to the output of: openssl rand -base64 48' : ''));
  else if (config.auth === 'jwt') steps.push('export JWT_SECRET="$(openssl rand -base64 48)"');
  if (config.database !== 'sqlite') steps.push('docker compose up -d db');
  return steps;
}
