import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { readGoVersions } from '../../src/stacks/go/stack.js';
import { renderer, ROOT } from '../fixtures/render.js';

/**
 * The Go stack (src/stacks/go.ts, templates/go): its versions manifest and what it renders for the shop model.
 * Whether the output builds and passes its own tests is the e2e layer's job; here, the structure only.
 */

/** The shop model without auth (the Go stack's first slice has no auth yet). */
function shopWithoutAuth(): ResolvedConfig {
  const shop = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/shop.resolved.json'), 'utf8')) as ResolvedConfig;
  return { ...shop, stack: 'go', database: 'sqlite', auth: 'none', entities: shop.entities.map((e) => ({ ...e, owned: false })) };
}

describe('go versions manifest', () => {
  it('reads the go directive and every require line', () => {
    const v = readGoVersions('module versions\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/go-chi/chi/v5 v5.5.0\n\tmodernc.org/sqlite v1.62.0\n)\n');
    expect(v.go).toBe('1.26.0');
    expect(v.modules).toEqual({ 'github.com/go-chi/chi/v5': 'v5.5.0', 'modernc.org/sqlite': 'v1.62.0' });
  });

  it('refuses a manifest without a go directive', () => {
    expect(() => readGoVersions('module versions\n')).toThrow(/no go directive/);
  });
});

describe('go project for the shop model', () => {
  it('requires the pinned modules of its database and names every module path after the project', async () => {
    const tree = (await renderer('go'))(shopWithoutAuth());
    const goMod = tree.get('go.mod')!.toString();
    const pinned = readGoVersions().modules;
    expect(goMod).toMatch(/^module shop$/m);
    expect(goMod).toContain(`modernc.org/sqlite ${pinned['modernc.org/sqlite']}`);
    expect(goMod).not.toContain('pgx');
    expect(tree.get('cmd/server/main.go')!.toString()).toContain('"shop/internal/app"');
  });

  it('writes one descriptor per entity, never a name Go reads as a test or a build constraint, and one row of the table-driven tests', async () => {
    const tree = (await renderer('go'))({ ...shopWithoutAuth(), entities: [{ name: 'UnitTest', owned: false, relations: [], fields: [{ name: 'label', type: 'string', required: true, unique: false, index: false }] }] });
    const paths = tree.paths().filter((p) => p.startsWith('internal/catalog/') || p.startsWith('internal/app/'));
    expect(paths).toContain('internal/catalog/unit_test_entity.go');
    expect(paths.filter((p) => p.endsWith('_entity_test.go'))).toEqual([]);
    const tests = tree.get('internal/app/entities_test.go')!.toString();
    expect(tests).toContain('name:   "UnitTest",');
    expect(tests).toContain('{"label", "null for a required field", "null", "must not be null"},');
    // No unique field: a TestUniqueConflict without rows would test nothing.
    expect(tests).not.toContain('TestUniqueConflict');
  });

  it('adds the auth package, its modules and the owned flag only with auth: jwt', async () => {
    const render = await renderer('go');
    const shop = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/shop.resolved.json'), 'utf8')) as ResolvedConfig;
    const withAuth = render({ ...shop, stack: 'go' });
    expect(withAuth.has('internal/auth/routes.go')).toBe(true);
    expect(withAuth.get('go.mod')!.toString()).toContain('github.com/golang-jwt/jwt/v5');
    expect(withAuth.get('internal/catalog/order_entity.go')!.toString()).toContain('Owned: true,');
    const without = render(shopWithoutAuth());
    expect(without.paths().some((p) => p.startsWith('internal/auth/'))).toBe(false);
    expect(without.has('internal/app/auth_test.go')).toBe(false);
    expect(without.get('go.mod')!.toString()).not.toContain('jwt');
  });

  it('builds a static binary onto an empty image as a non-root user, with the SQLite volume owned by that user', async () => {
    const dockerfile = (await renderer('go'))(shopWithoutAuth()).get('Dockerfile')!.toString();
    expect(dockerfile).toContain('CGO_ENABLED=0 go build');
    expect(dockerfile).toContain('FROM scratch AS runtime');
    expect(dockerfile).toContain('COPY --from=build --chown=65532:65532 /out/data /data');
    expect(dockerfile).toContain('USER 65532:65532');
  });

  it('gives each field its constraints in the descriptor', async () => {
    const tree = (await renderer('go'))(shopWithoutAuth());
    const product = tree.get('internal/catalog/product_entity.go')!.toString();
    expect(product).toContain('{Name: "price", Column: "price", Kind: resource.KindDecimal, Required: true, Min: resource.Bound(0), Precision: 10, Scale: 2},');
    expect(product).toContain('{Name: "status", Column: "status", Kind: resource.KindEnum, Default: "\\"draft\\"", MaxLength: 255, Values: []string{"draft", "published", "archived"}},');
    expect(product).toContain('{Name: "tagIds", Target: "tags", JoinTable: "products_tags", SourceColumn: "product_id", TargetColumn: "tag_id"},');
  });
});
