/**
 * A bigint holds ±(2^53 - 1) on every stack, the integers a JSON number carries exactly: both ends are
 * accepted and read back unchanged (one past them is refused with the range wording, in checks/messages.ts).
 */
import type { FieldSpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import type { Body } from '../fixtures.js';
import { collectionPath, dependencyOrder } from '../model.js';
import type { Probe } from '../report.js';

/** A bigint field the model gives no narrower range and no uniqueness (both ends are posted on two rows). */
const fullRange = (f: FieldSpec): boolean => f.type === 'bigint' && f.min === undefined && f.max === undefined && !f.unique;

export async function checkBigintRange(ctx: Context): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const entity = dependencyOrder(ctx.config).find((e) => !fixtures.unsupportedReason(e) && e.fields.some(fullRange));
  if (!entity) {
    rec.skip('the ends of the bigint range', 'no entity has a bigint field without min, max or unique');
    return;
  }
  const field = entity.fields.find(fullRange)!;
  for (const value of [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]) {
    await rec.run(`${entity.name}: POST ${field.name} = ${value} → 201, the same integer back`, async (p: Probe) => {
      const res = await client.post(collectionPath(entity), { ...(await fixtures.body(entity)), [field.name]: value });
      p.require(res.status === 201, `expected 201, got ${describe(res)}`);
      const back = (res.body as Body)[field.name];
      p.check(back === value, `sent ${value}, got ${JSON.stringify(back)}`);
    });
  }
}
