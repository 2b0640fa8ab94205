/** Body and method errors that happen before validation: 400 malformed, 413, 415, 405 (SPEC 5). */
import type { Probe } from '../report.js';
import type { EntitySpec } from '../../../../src/config/types.js';
import type { Context } from '../context.js';
import type { Row } from '../fixtures.js';
import { collectionPath, itemPath } from '../model.js';
import { expectProblem } from '../problem.js';

const ONE_MIB = 1024 * 1024;

export async function checkTransport(ctx: Context, entity: EntitySpec, row: Row | undefined): Promise<void> {
  const { client, rec } = ctx;
  const name = entity.name;
  const path = collectionPath(entity);
  const firstField = entity.fields[0]?.name ?? 'name';

  await rec.run(`${name}: POST malformed JSON → 400`, async (p: Probe) => {
    expectProblem(p, await client.request('POST', path, { raw: `{"${firstField}": ` }), 400);
  });
  await rec.run(`${name}: POST a JSON array instead of an object → 400`, async (p: Probe) => {
    expectProblem(p, await client.request('POST', path, { raw: '[]' }), 400);
  });
  await rec.run(`${name}: POST a text/plain body → 415`, async (p: Probe) => {
    expectProblem(p, await client.request('POST', path, { raw: `${firstField}=x`, contentType: 'text/plain' }), 415);
  });
  await rec.run(`${name}: POST a body over 1 MiB → 413`, async (p: Probe) => {
    const raw = JSON.stringify({ [firstField]: 'a'.repeat(ONE_MIB + 1024) });
    expectProblem(p, await client.request('POST', path, { raw }), 413);
  });
  // RFC 9110 (9.1, 9.3.2): a server supports HEAD wherever it supports GET, and sends GET's headers without a body.
  await rec.run(`${name}: HEAD on the collection → GET's status and headers, no body`, async (p: Probe) => {
    const [get, head] = [await client.get(path), await client.head(path)];
    p.require(head.status === get.status, `HEAD answered ${head.status}, GET ${get.status}`);
    p.check(head.text === '', `HEAD sent a body: ${JSON.stringify(head.text.slice(0, 200))}`);
    p.check(head.contentType === get.contentType, `HEAD's Content-Type is "${head.contentType}", GET's "${get.contentType}"`);
    p.check(head.headers.get('x-request-id'), 'HEAD has no X-Request-Id');
  });
  for (const method of ['PUT', 'DELETE']) {
    await rec.run(`${name}: ${method} on the collection → 405`, async (p: Probe) => {
      expectProblem(p, await client.request(method, path, method === 'PUT' ? { json: {} } : {}), 405);
    });
  }
  if (row) {
    for (const method of ['PUT', 'POST']) {
      await rec.run(`${name}: ${method} on an item → 405`, async (p: Probe) => {
        expectProblem(p, await client.request(method, itemPath(entity, row.id), { json: {} }), 405);
      });
    }
  }
}
