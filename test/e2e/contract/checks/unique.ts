/**
 * Unique fields: a duplicate value on POST or PATCH → 409 problem (SPEC 5) whose `errors` name that field and no
 * other (a unique index's name can hold another's, `uq_t_sku` in `uq_t_sku_label`; the keyword model has such a pair).
 */
import type { HttpResponse } from '../client.js';
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import { collectionPath, itemPath } from '../model.js';
import { expectProblem, fieldNames, type ProblemError } from '../problem.js';

export async function checkUnique(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  for (const field of entity.fields.filter((f) => f.unique)) {
    await rec.run(`${entity.name}: POST a duplicate ${field.name} → 409`, async (p: Probe) => {
      const first = await fixtures.create(entity);
      const body = { ...(await fixtures.body(entity)), [field.name]: first.sent[field.name] };
      expectConflictOn(p, await client.post(collectionPath(entity), body), field.name);
    });
    await rec.run(`${entity.name}: PATCH to a duplicate ${field.name} → 409`, async (p: Probe) => {
      const first = await fixtures.create(entity);
      const second = await fixtures.create(entity);
      expectConflictOn(p, await client.patch(itemPath(entity, second.id), { [field.name]: first.sent[field.name] }), field.name);
      const after = await client.get(itemPath(entity, second.id));
      p.check(after.status === 200 && JSON.stringify((after.body as Record<string, unknown>)?.[field.name]) === JSON.stringify(second.resource[field.name]),
        `the rejected PATCH changed the row: ${describe(after)}`);
    });
  }
}

function expectConflictOn(p: Probe, res: HttpResponse, field: string): void {
  expectProblem(p, res, 409, { field });
  const errors = (res.body as { errors?: ProblemError[] } | undefined)?.errors;
  const others = (Array.isArray(errors) ? errors : []).filter((e) => !fieldNames(e.field).includes(field));
  p.check(others.length === 0, `the 409 for ${field} also names other fields: ${JSON.stringify(others).slice(0, 300)}`);
}
