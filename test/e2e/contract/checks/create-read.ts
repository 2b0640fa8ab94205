/** POST (full and minimal bodies) and GET by id, including unknown and wrong-shaped ids (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import { describe } from '../client.js';
import type { Context } from '../context.js';
import type { Body, Row } from '../fixtures.js';
import { unknownIdLike, WRONG_SHAPE_ID } from '../ids.js';
import { sameFieldValue } from '../compare.js';
import { collectionPath, isToOne, itemPath, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';
import { comparable, shapeIssues, valueIssues } from '../resource.js';

const LONG_TEXT = 'é'.repeat(40_000);

/** Returns the row created from a full body, for the probes that follow, or undefined when that failed. */
export async function checkCreateAndRead(ctx: Context, entity: EntitySpec): Promise<Row | undefined> {
  const { client, rec, fixtures } = ctx;
  const name = entity.name;
  let row: Row | undefined;

  await rec.run(`${name}: POST with every field → 201, Location, same values back`, async (p: Probe) => {
    const sent = await fixtures.body(entity);
    const res = await client.post(collectionPath(entity), sent);
    p.require(res.status === 201, `expected 201, got ${describe(res)}`);
    p.check(/json/i.test(res.contentType), `Content-Type is "${res.contentType}", expected JSON`);
    p.addAll(shapeIssues(entity, res.body));
    p.addAll(valueIssues(entity, sent, res.body));
    const resource = res.body as Body;
    const id = resource?.id;
    p.require(typeof id === 'string', 'no id');
    row = { entity, id, sent, resource };
    const location = res.headers.get('location');
    if (p.check(location, 'no Location header')) {
      const target = await client.get(new URL(location!, client.baseUrl + '/').toString());
      p.check(target.status === 200 && (target.body as Body | undefined)?.id === resource.id,
        `Location ${location} does not lead to the new resource: ${describe(target)}`);
    }
  });

  await rec.run(`${name}: POST with only required fields → 201, optional fields null or default`, async (p: Probe) => {
    const sent = await fixtures.body(entity, { requiredOnly: true });
    const res = await client.post(collectionPath(entity), sent);
    p.require(res.status === 201, `expected 201, got ${describe(res)}`);
    p.addAll(shapeIssues(entity, res.body));
    const expected: Body = { ...sent };
    for (const field of entity.fields) if (!(field.name in sent)) expected[field.name] = field.default ?? null;
    for (const relation of entity.relations) {
      // An unset to-one relation is null; an unset many-to-many list is empty (ORMs return an empty collection).
      if (!(relationKey(relation) in sent)) expected[relationKey(relation)] = isToOne(relation) ? null : [];
    }
    p.addAll(valueIssues(entity, expected, res.body));
  });

  // SPEC 5: a decimal is a JSON string, and a JSON number is accepted too; the answer carries the string.
  const decimal = entity.fields.find((f) => f.type === 'decimal');
  if (decimal) {
    const probe = `${name}: POST with ${decimal.name} as a JSON number → 201, the equal decimal string back`;
    const sent = await fixtures.body(entity);
    const text = sent[decimal.name];
    // A double holds 15 significant digits exactly; a longer sample could not be sent as a number unchanged.
    if (typeof text !== 'string' || text.replace(/\D/g, '').replace(/^0+/, '').length > 15) {
      rec.skip(probe, `the sample ${JSON.stringify(text)} does not fit a JSON number exactly`);
    } else {
      await rec.run(probe, async (p: Probe) => {
        const res = await client.post(collectionPath(entity), { ...sent, [decimal.name]: Number(text) });
        p.require(res.status === 201, `expected 201, got ${describe(res)}`);
        const got = (res.body as Body)[decimal.name];
        p.check(typeof got === 'string' && sameFieldValue(decimal, text, got), `sent ${text} as a number, got back ${JSON.stringify(got)}`);
        const gone = await client.delete(itemPath(entity, (res.body as Body).id as string));
        p.check(gone.status === 204, `DELETE of the probe's row: expected 204, got ${describe(gone)}`);
      });
    }
  }

  // A text field without a length limit holds anything the 1 MiB body limit lets through: this value is 80,000
  // bytes in UTF-8, over the 64 KiB of a MySQL TEXT column, so a too-small column type shows up as a 5xx here.
  for (const field of entity.fields.filter((f) => f.type === 'text' && !f.pattern && (f.maxLength ?? Infinity) >= LONG_TEXT.length)) {
    await rec.run(`${name}: POST a ${field.name} of ${LONG_TEXT.length} two-byte characters → 201, stored whole`, async (p: Probe) => {
      const sent = { ...(await fixtures.body(entity)), [field.name]: LONG_TEXT };
      const res = await client.post(collectionPath(entity), sent);
      p.require(res.status === 201, `expected 201, got ${describe(res)}`);
      const id = (res.body as Body).id as string;
      const back = await client.get(itemPath(entity, id));
      p.check(back.status === 200 && (back.body as Body | undefined)?.[field.name] === LONG_TEXT,
        `GET /{id} did not return the ${field.name} that was sent (${describe(back)})`);
      const gone = await client.delete(itemPath(entity, id));
      p.check(gone.status === 204, `DELETE of the probe's row: expected 204, got ${describe(gone)}`);
    });
  }

  if (!row) return undefined;
  const created = row;

  await rec.run(`${name}: GET /{id} → 200, the same resource`, async (p: Probe) => {
    const res = await client.get(itemPath(entity, created.id));
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    p.addAll(shapeIssues(entity, res.body));
    p.addAll(valueIssues(entity, comparable(entity, created.resource), res.body));
  });

  await rec.run(`${name}: GET an unknown well-formed id → 404 problem+json`, async (p: Probe) => {
    expectProblem(p, await client.get(itemPath(entity, unknownIdLike(created.id))), 404);
  });

  await rec.run(`${name}: GET a wrong-shaped id (${WRONG_SHAPE_ID}) → 404`, async (p: Probe) => {
    expectProblem(p, await client.get(itemPath(entity, WRONG_SHAPE_ID)), 404);
  });
  return created;
}
