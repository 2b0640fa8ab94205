/** POST bodies that break one rule each → 400 problem naming the field (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import type { Context } from '../context.js';
import type { Body } from '../fixtures.js';
import { unknownIdLike, WRONG_SHAPE_ID } from '../ids.js';
import { collectionPath, entityNamed, isToOne, mustBeSent, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';
import { invalidValues, validValue, withNul } from '../values.js';

export async function checkValidation(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const name = entity.name;
  const path = collectionPath(entity);
  let base: Body | undefined;

  await rec.run(`${name}: prepare a valid body for the 400 probes`, async () => {
    base = await fixtures.body(entity);
  });
  if (!base) return;
  // Each probe gets its own seed's values: a rejected body must not fail on a unique value by accident.
  const fresh = async (): Promise<Body> => ({ ...base, ...(await fixtures.body({ ...entity, relations: [] })) });

  for (const field of entity.fields.filter(mustBeSent)) {
    await rec.run(`${name}: POST without required ${field.name} → 400 naming it`, async (p: Probe) => {
      const body = await fresh();
      delete body[field.name];
      expectProblem(p, await client.post(path, body), 400, { field: field.name });
    });
  }
  for (const relation of entity.relations.filter((r) => isToOne(r) && r.required)) {
    const key = relationKey(relation);
    await rec.run(`${name}: POST without required ${key} → 400 naming it`, async (p: Probe) => {
      const body = await fresh();
      delete body[key];
      expectProblem(p, await client.post(path, body), 400, { field: key });
    });
  }

  for (const field of entity.fields) {
    for (const invalid of invalidValues(field)) {
      await rec.run(`${name}: POST ${field.name} = ${JSON.stringify(invalid.value).slice(0, 40)} (${invalid.rule}) → 400`, async (p: Probe) => {
        const body = { ...(await fresh()), [field.name]: invalid.value };
        expectProblem(p, await client.post(path, body), 400, { field: field.name });
      });
    }
  }

  // PostgreSQL cannot store U+0000; every stack must refuse it up front, on every database (never a 5xx).
  for (const field of entity.fields) {
    const sample = validValue(field, fixtures.nextSeed(), ctx.tag);
    const value = sample.ok ? withNul(field, sample.value) : undefined;
    if (value === undefined) continue;
    await rec.run(`${name}: POST ${field.name} holding U+0000 → 400 naming it`, async (p: Probe) => {
      expectProblem(p, await client.post(path, { ...(await fresh()), [field.name]: value }), 400, { field: field.name });
    });
  }

  await rec.run(`${name}: POST with an unknown field → 400`, async (p: Probe) => {
    expectProblem(p, await client.post(path, { ...(await fresh()), nope: 1 }), 400, { mention: 'nope' });
  });

  for (const relation of entity.relations) {
    const key = relationKey(relation);
    const target = entityNamed(ctx.config, relation.to);
    const existing = (base[key] as string | string[] | undefined) ?? (await fixtures.create(target).then((r) => r.id).catch(() => undefined));
    const sample = Array.isArray(existing) ? existing[0] : existing;
    if (!sample) {
      rec.skip(`${name}: POST ${key} to a missing ${relation.to}`, `no ${relation.to} row to derive an id from`);
      continue;
    }
    for (const [label, id] of [['an unknown id', unknownIdLike(sample)], ['a wrong-shaped id', WRONG_SHAPE_ID]] as const) {
      await rec.run(`${name}: POST ${key} with ${label} → 400`, async (p: Probe) => {
        const body = { ...(await fresh()), [key]: isToOne(relation) ? id : [id] };
        // Only a mention: the error may come from the database's foreign key rather than the validator.
        expectProblem(p, await client.post(path, body), 400, { mention: key });
      });
    }
  }
}
