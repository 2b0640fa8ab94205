/** DELETE /{id}: 204, then gone; unknown and wrong-shaped ids 404 (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import { WRONG_SHAPE_ID, unknownIdLike } from '../ids.js';
import { itemPath } from '../model.js';
import { expectProblem } from '../problem.js';

export async function checkDelete(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const name = entity.name;
  await rec.run(`${name}: DELETE → 204, then GET → 404, DELETE again → 404`, async (p: Probe) => {
    const row = await fixtures.create(entity);
    const res = await client.delete(itemPath(entity, row.id));
    p.require(res.status === 204, `expected 204, got ${describe(res)}`);
    p.check(res.text === '', `a 204 must have no body, got ${res.text.slice(0, 100)}`);
    expectProblem(p, await client.get(itemPath(entity, row.id)), 404);
    expectProblem(p, await client.delete(itemPath(entity, row.id)), 404);
    expectProblem(p, await client.delete(itemPath(entity, unknownIdLike(row.id))), 404);
  });
  await rec.run(`${name}: DELETE a wrong-shaped id → 404`, async (p: Probe) => {
    expectProblem(p, await client.delete(itemPath(entity, WRONG_SHAPE_ID)), 404);
  });
}
