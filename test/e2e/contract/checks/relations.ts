/**
 * Relation behaviour seen from the entity that holds the relation: what deleting the target does to it
 * (restrict → 409, cascade → gone, set-null → key null) and many-to-many id lists (SPEC 3, 5).
 */
import type { Probe } from '../report.js';
import type { EntitySpec, RelationSpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import { unknownIdLike } from '../ids.js';
import { entityNamed, isToOne, itemPath, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';
import { sameIdSet } from '../resource.js';

export async function checkRelations(ctx: Context, entity: EntitySpec): Promise<void> {
  for (const relation of entity.relations) {
    if (isToOne(relation)) await checkOnDelete(ctx, entity, relation);
    else await checkManyToMany(ctx, entity, relation);
  }
}

async function checkOnDelete(ctx: Context, entity: EntitySpec, relation: RelationSpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const target = entityNamed(ctx.config, relation.to);
  const key = relationKey(relation);
  if (fixtures.unsupportedReason(target)) return;
  await rec.run(`${entity.name}.${relation.name}: deleting the referenced ${target.name} (onDelete ${relation.onDelete})`, async (p: Probe) => {
    const parent = await fixtures.create(target);
    const body = { ...(await fixtures.body(entity)), [key]: parent.id };
    const child = await fixtures.createFrom(entity, body);
    const res = await client.delete(itemPath(target, parent.id));
    const childNow = await client.get(itemPath(entity, child.id));
    switch (relation.onDelete) {
      case 'restrict':
        expectProblem(p, res, 409);
        p.check(childNow.status === 200, `the referencing ${entity.name} should be untouched: ${describe(childNow)}`);
        p.check((await client.get(itemPath(target, parent.id))).status === 200, `the ${target.name} was deleted despite the 409`);
        break;
      case 'cascade':
        p.require(res.status === 204, `expected 204, got ${describe(res)}`);
        p.check(childNow.status === 404, `the referencing ${entity.name} should be gone: ${describe(childNow)}`);
        break;
      case 'set-null':
        p.require(res.status === 204, `expected 204, got ${describe(res)}`);
        p.check(childNow.status === 200 && (childNow.body as Record<string, unknown>)[key] === null,
          `the referencing ${entity.name} should remain with ${key} null: ${describe(childNow)}`);
        break;
    }
  });
}

async function checkManyToMany(ctx: Context, entity: EntitySpec, relation: RelationSpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const target = entityNamed(ctx.config, relation.to);
  const key = relationKey(relation);
  if (fixtures.unsupportedReason(target)) return;
  const name = `${entity.name}.${key}`;
  let id: string | undefined;
  let targets: string[] = [];

  await rec.run(`${name}: two ids round-trip (any order)`, async (p: Probe) => {
    targets = [(await fixtures.create(target)).id, (await fixtures.create(target)).id, (await fixtures.create(target)).id];
    const row = await fixtures.createFrom(entity, { ...(await fixtures.body(entity)), [key]: targets.slice(0, 2) });
    id = row.id;
    p.check(sameIdSet(row.resource[key], targets.slice(0, 2)), `POST gave ${JSON.stringify(row.resource[key])}, sent ${JSON.stringify(targets.slice(0, 2))}`);
    const res = await client.get(itemPath(entity, row.id));
    p.check(res.status === 200 && sameIdSet((res.body as Record<string, unknown>)[key], targets.slice(0, 2)), `GET gave ${describe(res)}`);
  });
  if (!id) return;
  const rowId = id;

  await rec.run(`${name}: PATCH replaces the whole set`, async (p: Probe) => {
    const wanted = [targets[1], targets[2]];
    const res = await client.patch(itemPath(entity, rowId), { [key]: wanted });
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    p.check(sameIdSet((res.body as Record<string, unknown>)[key], wanted), `PATCH gave ${JSON.stringify((res.body as Record<string, unknown>)[key])}, sent ${JSON.stringify(wanted)}`);
    const again = await client.get(itemPath(entity, rowId));
    p.check(sameIdSet((again.body as Record<string, unknown>)?.[key], wanted), `GET after PATCH gave ${describe(again)}`);
    const cleared = await client.patch(itemPath(entity, rowId), { [key]: [] });
    p.check(cleared.status === 200 && sameIdSet((cleared.body as Record<string, unknown>)[key], []), `PATCH to [] gave ${describe(cleared)}`);
  });

  await rec.run(`${name}: PATCH with the id of a missing ${target.name} → 400`, async (p: Probe) => {
    const res = await client.patch(itemPath(entity, rowId), { [key]: [targets[0], unknownIdLike(targets[0])] });
    expectProblem(p, res, 400, { mention: key });
  });
}
