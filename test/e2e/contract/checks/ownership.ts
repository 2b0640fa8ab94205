/** `owned` entities with auth jwt: another user can neither see nor touch a row (404, not 403: SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import { itemPath } from '../model.js';
import { expectProblem } from '../problem.js';
import { listAll } from './list.js';

export async function checkOwnership(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures, userB } = ctx;
  if (ctx.config.auth !== 'jwt' || !entity.owned) return;
  await rec.run(`${entity.name}: another user gets 404 on GET/PATCH/DELETE and does not list the row`, async (p: Probe) => {
    const token = userB?.token;
    p.require(token, 'the second user could not log in');
    const row = await fixtures.create(entity);
    const path = itemPath(entity, row.id);
    expectProblem(p, await client.get(path, { token }), 404);
    const field = entity.fields[0];
    expectProblem(p, await client.patch(path, field ? { [field.name]: row.sent[field.name] } : {}, { token }), 404);
    expectProblem(p, await client.delete(path, { token }), 404);
    const listed = await listAll(p, client, entity, '', token);
    p.check(!listed.some((item) => item.id === row.id), `user B's list contains user A's row ${row.id}`);
    const still = await client.get(path);
    p.check(still.status === 200, `the owner lost the row after the stranger's attempts: ${describe(still)}`);
    const own = await listAll(p, client, entity, '');
    p.check(own.some((item) => item.id === row.id), `the owner's list lacks the row ${row.id}`);
  });
}
