/** GET on a collection: envelope, paging bounds, sorting, equality filters, unknown parameters (SPEC 5). */
import type { EntitySpec, FieldSpec } from '../../../../src/config/types.js';
import { PAGING } from '../../../../src/config/reserved.js';
import { describe, type HttpClient } from '../client.js';
import { portableCompare, sameFieldValue } from '../compare.js';
import type { Context } from '../context.js';
import type { Body, Row } from '../fixtures.js';
import { collectionPath, isToOne, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';
import type { Probe } from '../report.js';
import { queryText, withNul } from '../values.js';

const SORTABLE = new Set(['string', 'text', 'email', 'url', 'uuid', 'integer', 'bigint', 'number', 'decimal', 'date', 'datetime']);
// Floats, decimals and datetimes have several spellings in a query string; equality on them is not portable.
const FILTERABLE = new Set(['string', 'text', 'email', 'url', 'uuid', 'integer', 'bigint', 'boolean', 'enum', 'date']);

interface Page {
  items: Body[];
  total: number;
  limit: number;
  offset: number;
}

function envelopeIssues(body: unknown): string[] {
  const b = body as Partial<Page> | undefined;
  if (!b || typeof b !== 'object') return ['body is not a JSON object'];
  const issues: string[] = [];
  if (!Array.isArray(b.items)) issues.push('"items" is not an array');
  for (const key of ['total', 'limit', 'offset'] as const) {
    if (typeof b[key] !== 'number' || !Number.isInteger(b[key])) issues.push(`"${key}" is ${JSON.stringify(b[key])}, expected an integer`);
  }
  return issues;
}

async function page(p: Probe, client: HttpClient, path: string, token?: string): Promise<Page> {
  const res = await client.get(path, { token });
  p.require(res.status === 200, `expected 200, got ${describe(res)}`);
  const issues = envelopeIssues(res.body);
  p.require(issues.length === 0, `${res.method} ${res.path}: ${issues.join('; ')}`);
  return res.body as Page;
}

/** Every item matching `query`, following offsets 100 at a time (bounded: a runaway total must not hang us). */
export async function listAll(p: Probe, client: HttpClient, entity: EntitySpec, query: string, token?: string): Promise<Body[]> {
  const items: Body[] = [];
  for (let offset = 0, pages = 0; pages < 50; pages++) {
    const sep = query ? '&' : '';
    const result = await page(p, client, `${collectionPath(entity)}?${query}${sep}limit=100&offset=${offset}`, token);
    items.push(...result.items);
    offset += result.items.length;
    if (result.items.length === 0 || offset >= result.total) break;
  }
  return items;
}

const indexOfId = (items: readonly Body[], id: string): number => items.findIndex((item) => item.id === id);

export async function checkList(ctx: Context, entity: EntitySpec): Promise<void> {
  const { client, rec, fixtures } = ctx;
  const name = entity.name;
  const path = collectionPath(entity);
  let rows: Row[] = [];

  await rec.run(`${name}: GET list → 200 {items,total,limit:20,offset:0}`, async (p: Probe) => {
    // Two rows with consecutive seeds (distinct values) and their own relation targets (distinct foreign keys).
    const seed = fixtures.nextSeed();
    fixtures.nextSeed();
    rows = [
      await fixtures.create(entity, { seed, freshTargets: true }),
      await fixtures.create(entity, { seed: seed + 1, freshTargets: true }),
    ];
    const result = await page(p, client, path);
    p.check(result.limit === 20, `default limit is ${result.limit}, expected 20`);
    p.check(result.offset === 0, `default offset is ${result.offset}, expected 0`);
    p.check(result.total >= 2, `total is ${result.total} after creating 2 rows`);
    p.check(result.items.length <= 20, `${result.items.length} items with limit 20`);
    p.check(result.items.length === Math.min(20, result.total), `${result.items.length} items on the first page but total is ${result.total}`);
  });

  await rec.run(`${name}: ?limit=1 → 1 item; ?limit=100 and ?offset=1 accepted`, async (p: Probe) => {
    const one = await page(p, client, `${path}?limit=1`);
    p.check(one.items.length === 1 && one.limit === 1, `?limit=1 gave ${one.items.length} items, limit ${one.limit}`);
    const hundred = await page(p, client, `${path}?limit=100`);
    p.check(hundred.limit === 100, `?limit=100 echoed limit ${hundred.limit}`);
    const second = await page(p, client, `${path}?limit=1&offset=1`);
    p.check(second.offset === 1 && second.items.length === 1, `?limit=1&offset=1 gave offset ${second.offset}, ${second.items.length} items`);
  });

  for (const query of ['limit=0', 'limit=101', 'offset=-1', 'limit=abc', 'offset=abc', 'sort=nope', 'nope=1']) {
    await rec.run(`${name}: GET ?${query} → 400`, async (p: Probe) => {
      expectProblem(p, await client.get(`${path}?${query}`), 400);
    });
  }

  if (rows.length < 2) return;
  const [first, second] = rows;

  for (const field of entity.fields.filter((f) => SORTABLE.has(f.type))) {
    await checkSort(ctx, entity, field, first, second);
  }
  // A field named limit, offset or sort is allowed but not an equality filter: the name is the paging parameter.
  for (const field of entity.fields.filter((f) => FILTERABLE.has(f.type) && !PAGING.has(f.name))) {
    await checkFilter(ctx, entity, field.name, first, second, (a, b) => sameFieldValue(field, a, b));
  }
  for (const relation of entity.relations.filter(isToOne)) {
    const key = relationKey(relation);
    await checkFilter(ctx, entity, key, first, second, (a, b) => a === b);
  }
  for (const field of entity.fields.filter((f) => FILTERABLE.has(f.type))) {
    const value = withNul(field, first.resource[field.name]);
    if (typeof value !== 'string') continue;
    await rec.run(`${name}: GET ?${field.name}=<value holding U+0000> → 400 naming it`, async (p: Probe) => {
      expectProblem(p, await client.get(`${path}?${field.name}=${encodeURIComponent(value)}`), 400, { field: field.name });
    });
  }
  for (const field of entity.fields.filter((f) => f.type === 'integer' || f.type === 'boolean')) {
    await rec.run(`${name}: GET ?${field.name}=not-a-${field.type} → 400`, async (p: Probe) => {
      expectProblem(p, await client.get(`${path}?${field.name}=not-a-${field.type}`), 400);
    });
  }
}

async function checkSort(ctx: Context, entity: EntitySpec, field: FieldSpec, first: Row, second: Row): Promise<void> {
  const a = first.resource[field.name];
  const b = second.resource[field.name];
  const order = a == null || b == null ? undefined : portableCompare(field, a, b);
  if (!order) {
    ctx.rec.skip(`${entity.name}: ?sort=${field.name}`, 'the two rows have no portable order on this field');
    return;
  }
  for (const descending of [false, true]) {
    const sort = `${descending ? '-' : ''}${field.name}`;
    await ctx.rec.run(`${entity.name}: GET ?sort=${sort} → ordered`, async (p: Probe) => {
      const items = await listAll(p, ctx.client, entity, `sort=${encodeURIComponent(sort)}`);
      const i = indexOfId(items, first.id);
      const j = indexOfId(items, second.id);
      p.require(i >= 0 && j >= 0, `created rows missing from the sorted list (positions ${i}, ${j} of ${items.length})`);
      const expectFirstBefore = descending ? order > 0 : order < 0;
      p.check(expectFirstBefore === i < j, `${JSON.stringify(a)} and ${JSON.stringify(b)} came back in the wrong order`);
      // Where order is unambiguous (numbers, dates), check the whole list, skipping nulls (their place varies by database).
      if (!['integer', 'bigint', 'number', 'decimal', 'date', 'datetime'].includes(field.type)) return;
      const values = items.map((item) => item[field.name]).filter((v) => v != null);
      for (let k = 1; k < values.length; k++) {
        const c = portableCompare(field, values[k - 1], values[k]) ?? 0;
        if (descending ? c < 0 : c > 0) {
          p.check(false, `list out of order at ${k}: ${JSON.stringify(values[k - 1])} then ${JSON.stringify(values[k])}`);
          break;
        }
      }
    });
  }
}

async function checkFilter(
  ctx: Context,
  entity: EntitySpec,
  key: string,
  first: Row,
  second: Row,
  same: (a: unknown, b: unknown) => boolean,
): Promise<void> {
  const value = first.resource[key];
  if (value == null) {
    ctx.rec.skip(`${entity.name}: ?${key}=…`, 'the probe row has no value for it');
    return;
  }
  await ctx.rec.run(`${entity.name}: GET ?${key}=<value> → only matching rows`, async (p: Probe) => {
    const items = await listAll(p, ctx.client, entity, `${encodeURIComponent(key)}=${encodeURIComponent(queryText(value))}`);
    p.check(indexOfId(items, first.id) >= 0, `the row with ${key}=${JSON.stringify(value)} is missing`);
    const wrong = items.filter((item) => !same(value, item[key]));
    p.check(wrong.length === 0, `${wrong.length} rows do not match, e.g. ${key}=${JSON.stringify(wrong[0]?.[key])}`);
    if (!same(value, second.resource[key])) {
      p.check(indexOfId(items, second.id) < 0, `the row with ${key}=${JSON.stringify(second.resource[key])} is included`);
    }
  });
}
