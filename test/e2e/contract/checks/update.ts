/** PATCH /{id}: partial update of each field and to-one relation, nulls, and its 400/404 answers (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import type { Body } from '../fixtures.js';
import { unknownIdLike, WRONG_SHAPE_ID } from '../ids.js';
import { entityNamed, isToOne, itemPath, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';
import { comparable, shapeIssues, valueIssues } from '../resource.js';
import { invalidValues, validValue, withNul } from '../values.js';

export async function checkUpdate(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const name = entity.name;
  let current: Body | undefined;
  let id = '';

  /** PATCHes one key and checks that exactly that key changed and updatedAt did not go back. */
  const patchOne = async (label: string, key: string, value: unknown): Promise<void> => {
    await rec.run(`${name}: PATCH ${label} → 200, only ${key} changes`, async (p: Probe) => {
      const before = current;
      if (!before) return p.fail('no row to patch (creating one failed)');
      const res = await client.patch(itemPath(entity, id), { [key]: value });
      p.require(res.status === 200, `expected 200, got ${describe(res)}`);
      p.addAll(shapeIssues(entity, res.body));
      const after = res.body as Body;
      const expected = { ...comparable(entity, before), [key]: value };
      delete expected.updatedAt;
      p.addAll(valueIssues(entity, expected, after));
      p.check(Date.parse(String(after.updatedAt)) >= Date.parse(String(before.updatedAt)),
        `updatedAt went back from ${before.updatedAt} to ${after.updatedAt}`);
      current = after;
    });
  };

  await rec.run(`${name}: create a row to patch`, async () => {
    const row = await fixtures.create(entity);
    current = row.resource;
    id = row.id;
  });

  for (const field of entity.fields) {
    let value: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = validValue(field, fixtures.nextSeed(), ctx.tag);
      if (candidate.ok && JSON.stringify(candidate.value) !== JSON.stringify(current?.[field.name])) {
        value = candidate.value;
        break;
      }
    }
    if (value === undefined) rec.skip(`${name}: PATCH ${field.name}`, 'no second valid value differs from the current one');
    else await patchOne(field.name, field.name, value);
  }
  for (const relation of entity.relations.filter(isToOne)) {
    await rec.run(`${name}: PATCH ${relationKey(relation)} to another ${relation.to} → 200`, async (p: Probe) => {
      p.require(current, 'no row to patch');
      const target = await fixtures.create(entityNamed(ctx.config, relation.to));
      const res = await client.patch(itemPath(entity, id), { [relationKey(relation)]: target.id });
      p.require(res.status === 200, `expected 200, got ${describe(res)}`);
      p.addAll(valueIssues(entity, { [relationKey(relation)]: target.id }, res.body));
      current = res.body as Body;
    });
  }

  const optional = entity.fields.find((f) => !f.required);
  if (optional) await patchOne(`${optional.name} to null`, optional.name, null);
  const required = entity.fields.find((f) => f.required);
  if (required) {
    await rec.run(`${name}: PATCH required ${required.name} to null → 400`, async (p: Probe) => {
      expectProblem(p, await client.patch(itemPath(entity, id), { [required.name]: null }), 400, { field: required.name });
    });
  }
  const typed = entity.fields.map((f) => ({ field: f, bad: invalidValues(f)[0] })).find((x) => x.bad);
  if (typed) {
    await rec.run(`${name}: PATCH ${typed.field.name} with ${typed.bad!.rule} → 400`, async (p: Probe) => {
      expectProblem(p, await client.patch(itemPath(entity, id), { [typed.field.name]: typed.bad!.value }), 400, { field: typed.field.name });
    });
  }
  await rec.run(`${name}: PATCH an unknown field → 400`, async (p: Probe) => {
    expectProblem(p, await client.patch(itemPath(entity, id), { nope: 1 }), 400, { mention: 'nope' });
  });
  for (const field of entity.fields) {
    const sample = validValue(field, fixtures.nextSeed(), ctx.tag);
    const value = sample.ok ? withNul(field, sample.value) : undefined;
    if (value === undefined) continue;
    await rec.run(`${name}: PATCH ${field.name} holding U+0000 → 400 naming it`, async (p: Probe) => {
      p.require(id, 'no row');
      expectProblem(p, await client.patch(itemPath(entity, id), { [field.name]: value }), 400, { field: field.name });
    });
  }
  await rec.run(`${name}: PATCH did not change the row on 400s`, async (p: Probe) => {
    const before = current;
    if (!before) return p.fail('no row');
    const res = await client.get(itemPath(entity, id));
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    p.addAll(valueIssues(entity, comparable(entity, before), res.body));
  });
  await rec.run(`${name}: PATCH an unknown id → 404`, async (p: Probe) => {
    p.require(id, 'no row');
    const field = entity.fields[0];
    const body = field ? { [field.name]: current?.[field.name] } : {};
    expectProblem(p, await client.patch(itemPath(entity, unknownIdLike(id)), body), 404);
  });
  await rec.run(`${name}: PATCH a wrong-shaped id → 404`, async (p: Probe) => {
    const field = entity.fields[0];
    const body = field ? { [field.name]: current?.[field.name] } : {};
    expectProblem(p, await client.patch(itemPath(entity, WRONG_SHAPE_ID), body), 404);
  });
}
