/** Opt-in: against a server started with a small RATE_LIMIT_PER_MINUTE, requests end in 429 + Retry-After. */
import type { Probe } from '../report.js';
import type { Context } from '../context.js';
import { collectionPath } from '../model.js';
import { expectProblem } from '../problem.js';

export async function checkRateLimit(ctx: Context): Promise<void> {
  const max = ctx.options.rateLimitMaxRequests ?? 300;
  const entity = ctx.config.entities[0];
  const path = entity ? collectionPath(entity) : '/health';
  await ctx.rec.run(`rate limit: GET ${path} repeatedly → 429 with Retry-After`, async (p: Probe) => {
    for (let i = 1; i <= max; i++) {
      const res = await ctx.client.get(path);
      if (res.status !== 429) continue;
      expectProblem(p, res, 429);
      const retry = res.headers.get('retry-after');
      p.check(retry !== null && (/^\d+$/.test(retry) || !Number.isNaN(Date.parse(retry))),
        `Retry-After is ${JSON.stringify(retry)}, expected seconds or an HTTP date`);
      return `limited after ${i} requests`;
    }
    p.check(false, `no 429 after ${max} requests`);
  });
}
