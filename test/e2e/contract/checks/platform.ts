/** Public, entity-independent endpoints: health, OpenAPI, docs, unknown routes and CORS (SPEC 5). */
import type { Probe } from '../report.js';
import { describe } from '../client.js';
import { jwt, type Context } from '../context.js';
import { collectionPath, relationKey } from '../model.js';
import { expectProblem } from '../problem.js';

export async function checkPlatform(ctx: Context): Promise<void> {
  const { client, rec } = ctx;

  await rec.run('GET /health → 200 {"status":"ok"} without a token', async (p: Probe) => {
    const res = await client.get('/health', { token: null });
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    p.check(/json/i.test(res.contentType), `Content-Type is "${res.contentType}", expected JSON`);
    p.check((res.body as { status?: unknown } | undefined)?.status === 'ok', `body is ${res.text.slice(0, 200)}, expected {"status":"ok"}`);
  });

  await rec.run('HEAD /health → 200 without a body or a token', async (p: Probe) => {
    const res = await client.head('/health', { token: null });
    p.require(res.status === 200, `expected 200, got ${res.status}`);
    p.check(res.text === '', `HEAD sent a body: ${JSON.stringify(res.text.slice(0, 200))}`);
  });

  await rec.run('GET /openapi.json → OpenAPI 3.1 with every route', async (p: Probe) => {
    const res = await client.get('/openapi.json', { token: null });
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    const doc = res.body as { openapi?: unknown; paths?: Record<string, Record<string, unknown>> } | undefined;
    if (!doc || typeof doc !== 'object') return p.fail('body is not a JSON object');
    p.check(typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1'), `"openapi" is ${JSON.stringify(doc.openapi)}, expected 3.1.x`);
    const paths = doc.paths ?? {};
    const methodsOf = (path: string): string[] => Object.keys(paths[path] ?? {}).map((m) => m.toLowerCase());
    // Path parameters may have any name ({id}, {petId}); match the item path by shape.
    const itemPathOf = (collection: string): string | undefined =>
      Object.keys(paths).find((k) => new RegExp(`^${collection.replace(/[-/]/g, '\\$&')}/\\{[^}/]+\\}$`).test(k));
    const expected: [string, string[]][] = [['/health', ['get']]];
    if (jwt(ctx)) expected.push(['/auth/signup', ['post']], ['/auth/login', ['post']]);
    for (const entity of ctx.config.entities) {
      const collection = collectionPath(entity);
      expected.push([collection, ['get', 'post']]);
      const item = itemPathOf(collection);
      if (p.check(item, `no item path ${collection}/{id} in paths`)) expected.push([item!, ['get', 'patch', 'delete']]);
    }
    for (const [path, methods] of expected) {
      if (!p.check(paths[path], `path ${path} is missing`)) continue;
      const missing = methods.filter((m) => !methodsOf(path).includes(m));
      p.check(missing.length === 0, `${path} lacks ${missing.join(', ').toUpperCase()}`);
    }
  });

  // Every stack names its schemas after the entities and its own parts (problems, accounts, tokens); an entity
  // called like one of those (`User` with auth: jwt, `Problem`) must not take its schema's place (SPEC 3).
  await rec.run("GET /openapi.json → each entity's read schema has the entity's fields", async (p: Probe) => {
    const res = await client.get('/openapi.json', { token: null });
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    const doc = res.body as OpenApiDocument;
    for (const entity of ctx.config.entities) {
      const collection = collectionPath(entity);
      const item = Object.entries(doc.paths ?? {}).find(([k]) => k.startsWith(`${collection}/{`) && !k.slice(collection.length + 1).includes('/'))?.[1];
      const read = resolve(doc, item?.get?.responses?.['200']?.content?.['application/json']?.schema);
      if (!p.check(read, `GET ${collection}/{id} documents no JSON 200 response`)) continue;
      const expected = ['id', 'createdAt', 'updatedAt', ...entity.fields.map((f) => f.name), ...entity.relations.map(relationKey)];
      const missing = expected.filter((name) => !read?.properties?.[name]);
      p.check(missing.length === 0, `${entity.name}'s read schema lacks ${missing.join(', ')} (properties: ${Object.keys(read?.properties ?? {}).join(', ')})`);
    }
  });

  const patterned = ctx.config.entities.flatMap((e) =>
    e.fields.filter((f) => f.pattern !== undefined && ['string', 'text', 'email', 'url'].includes(f.type)).map((f) => ({ entity: e, field: f })),
  );
  if (patterned.length > 0) {
    // A server checks a translation of the pattern in its own regex dialect; the document must show the
    // model's ECMA-262 text, which is what a client validates against (SPEC 3).
    await rec.run('GET /openapi.json → each create body documents its patterns as the model wrote them', async (p: Probe) => {
      const res = await client.get('/openapi.json', { token: null });
      p.require(res.status === 200, `expected 200, got ${describe(res)}`);
      const doc = res.body as OpenApiDocument;
      for (const { entity, field } of patterned) {
        const body = resolve(doc, doc.paths?.[collectionPath(entity)]?.post?.requestBody?.content?.['application/json']?.schema);
        const property = body?.properties?.[field.name];
        if (!p.check(property, `POST ${collectionPath(entity)} body has no property ${field.name}`)) continue;
        const shown = patternsIn(doc, property);
        p.check(shown.length > 0 && shown.every((x) => x === field.pattern),
          `${entity.name}.${field.name}: the document shows the pattern ${shown.map((x) => JSON.stringify(x)).join(', ') || '(none)'}, the model says ${JSON.stringify(field.pattern)}`);
      }
    });
  }

  await rec.run('GET /docs → 200 text/html without a token', async (p: Probe) => {
    const res = await client.get('/docs', { token: null });
    p.require(res.status === 200, `expected 200, got ${describe(res)}`);
    p.check(/^text\/html\b/i.test(res.contentType), `Content-Type is "${res.contentType}", expected text/html`);
  });

  await rec.run('unknown route → 404 problem+json', async (p: Probe) => {
    expectProblem(p, await client.get(`/no-such-route-${ctx.tag}`, { token: null }), 404);
  });

  await rec.run('CORS: an unlisted Origin gets no Access-Control-Allow-Origin', async (p: Probe) => {
    const origin = 'https://evil.example';
    const simple = await client.get('/health', { token: null, headers: { origin } });
    p.check(!simple.headers.has('access-control-allow-origin'),
      `GET /health with Origin ${origin} answered Access-Control-Allow-Origin: ${simple.headers.get('access-control-allow-origin')}`);
    const path = ctx.config.entities[0] ? collectionPath(ctx.config.entities[0]) : '/health';
    const preflight = await client.request('OPTIONS', path, {
      token: null,
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    p.check(!preflight.headers.has('access-control-allow-origin'),
      `preflight OPTIONS ${path} answered Access-Control-Allow-Origin: ${preflight.headers.get('access-control-allow-origin')}`);
  });

  const allowed = ctx.options.corsAllowedOrigin;
  if (allowed) {
    await rec.run(`CORS: listed Origin ${allowed} is allowed`, async (p: Probe) => {
      const res = await client.get('/health', { token: null, headers: { origin: allowed } });
      const got = res.headers.get('access-control-allow-origin');
      p.check(got === allowed, `Access-Control-Allow-Origin is ${JSON.stringify(got)}, expected ${allowed}`);
    });
  }
}

interface JsonSchema {
  readonly $ref?: string;
  readonly pattern?: string;
  readonly properties?: Record<string, JsonSchema>;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
}

type JsonContent = { content?: Record<string, { schema?: JsonSchema }> };

interface OpenApiDocument {
  readonly paths?: Record<string, { post?: { requestBody?: JsonContent }; get?: { responses?: Record<string, JsonContent> } }>;
  readonly components?: { schemas?: Record<string, JsonSchema> };
}

/** A schema with its local `$ref` followed. */
function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref;
  return ref?.startsWith('#/components/schemas/') ? doc.components?.schemas?.[ref.slice('#/components/schemas/'.length)] : schema;
}

/** Every `pattern` a property's schema states, through `$ref` and the `anyOf` a nullable field is written as. */
function patternsIn(doc: OpenApiDocument, schema: JsonSchema | undefined): string[] {
  const s = resolve(doc, schema);
  if (!s) return [];
  return [...(s.pattern !== undefined ? [s.pattern] : []), ...[...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap((x) => patternsIn(doc, x))];
}
