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
