/**
 * The stack-independent black-box checker of SPEC 5: every stack's end-to-end test starts the generated
 * server and calls `runContract`, then `assertContract` on the report.
 */
import { checkAuth } from './checks/auth.js';
import { checkCreateAndRead } from './checks/create-read.js';
import { checkDelete } from './checks/delete.js';
import { checkEveryResponse } from './checks/global.js';
import { checkList } from './checks/list.js';
import { checkMessages } from './checks/messages.js';
import { checkBigintRange } from './checks/ranges.js';
import { checkOwnership } from './checks/ownership.js';
import { checkPlatform } from './checks/platform.js';
import { checkRateLimit } from './checks/rate-limit.js';
import { checkRelations } from './checks/relations.js';
import { checkAddressThrottle, checkSecurity } from './checks/security.js';
import { checkTransport } from './checks/transport.js';
import { checkUnique } from './checks/unique.js';
import { checkUpdate } from './checks/update.js';
import { checkValidation } from './checks/validation.js';
import { HttpClient } from './client.js';
import { jwt, type Context } from './context.js';
import { Fixtures } from './fixtures.js';
import { dependencyOrder } from './model.js';
import { Recorder } from './report.js';
import type { ContractOptions, ContractReport } from './types.js';
import { letters } from './values.js';

export type { ContractOptions, ContractReport, ProbeResult, ObservedResponse } from './types.js';

export async function runContract(options: ContractOptions): Promise<ContractReport> {
  const client = new HttpClient(options.baseUrl, options.timeoutMs ?? 10_000);
  const rec = new Recorder(options.log ?? (() => {}));
  const tag = letters(Math.floor(Math.random() * 26 ** 4), 4);
  const ctx: Context = { options, config: options.config, client, rec, tag, fixtures: new Fixtures(options.config, client, tag) };

  await checkPlatform(ctx);
  if (jwt(ctx)) await checkAuth(ctx);

  for (const entity of dependencyOrder(ctx.config)) {
    const reason = ctx.fixtures.unsupportedReason(entity);
    if (reason) {
      rec.skip(`${entity.name}: all entity probes`, `cannot generate valid rows: ${reason}`);
      continue;
    }
    const row = await checkCreateAndRead(ctx, entity);
    await checkList(ctx, entity);
    await checkUpdate(ctx, entity);
    await checkValidation(ctx, entity);
    await checkTransport(ctx, entity, row);
    await checkUnique(ctx, entity);
    await checkDelete(ctx, entity);
    await checkRelations(ctx, entity);
    await checkOwnership(ctx, entity);
  }
  await checkSecurity(ctx);

  await checkMessages(ctx);
  await checkBigintRange(ctx);

  // Last: each locks the client out (of /auth/login for 15 minutes, or of everything until the window ends).
  // The address throttle goes first because a rate-limited server would answer its logins 429 for another reason.
  if (jwt(ctx)) await checkAddressThrottle(ctx);
  if (options.rateLimit) await checkRateLimit(ctx);
  await checkEveryResponse(ctx);

  return {
    ok: rec.probes.every((p) => p.ok),
    probes: rec.probes,
    responses: client.seen.map(({ method, path, status }) => ({ method, path, status })),
  };
}

/** A readable, numbered list of the failed probes (empty string when all passed). */
export function formatFailures(report: ContractReport): string {
  return report.probes
    .filter((p) => !p.ok)
    .map((p, i) => `${i + 1}. ${p.name}\n   ${p.detail}`)
    .join('\n');
}

/** Throws when any probe failed, listing every failure; returns quietly otherwise. */
export function assertContract(report: ContractReport): void {
  if (report.ok) return;
  const failed = report.probes.filter((p) => !p.ok).length;
  throw new Error(`HTTP contract: ${failed} of ${report.probes.length} probes failed\n${formatFailures(report)}`);
}
