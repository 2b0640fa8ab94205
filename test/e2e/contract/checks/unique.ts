/** Unique fields: a duplicate value on POST or PATCH → 409 problem (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import { collectionPath, itemPath } from '../model.js';
import { expectProblem } from '../problem.js';

export async function checkUnique(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  for (const field of entity.fields.filter((f) => f.unique)) {
    await rec.run(`${entity.name}: POST a duplicate ${field.name} → 409`, async (p: Probe) => {
      const first = await fixtures.create(entity);
      const body = { ...(await fixtures.body(entity)), [field.name]: first.sent[field.name] };
      expectProblem(p, await client.post(collectionPath(entity), body), 409);
    });
    await rec.run(`${entity.name}: PATCH to a duplicate ${field.name} → 409`, async (p: Probe) => {
      const first = await fixtures.create(entity);
      const second = await fixtures.create(entity);
      expectProblem(p, await client.patch(itemPath(entity, second.id), { [field.name]: first.sent[field.name] }), 409);
      const after = await client.get(itemPath(entity, second.id));
      p.check(after.status === 200 && JSON.stringify((after.body as Record<string, unknown>)?.[field.name]) === JSON.stringify(second.resource[field.name]),
        `the rejected PATCH changed the row: ${describe(after)}`);
    });
  }
}
