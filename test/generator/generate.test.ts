import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACKS, AUTHS, type AuthId, type DatabaseId, type StackId } from '../../src/config/options.js';
import { finish, gather, withDefaults, type Answers } from '../../src/config/resolve.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { generate, evaluate, outputPath } from '../../src/generator/generate.js';
import { builtInPacks } from '../../src/generator/layers.js';
import { loadPack, PackError, type Pack } from '../../src/generator/packs.js';
import { TemplateError } from '../../src/generator/engine.js';
import type { VirtualTree } from '../../src/generator/tree.js';
import { mongoSchema } from '../../src/model/mongo.js';
import { deploymentModel } from '../../src/model/deployment.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { loadStack } from '../../src/stacks/index.js';
import { names } from '../../src/config/naming.js';
import type { StackDescriptor } from '../../src/stacks/types.js';

/**
 * In-memory generation over the whole option matrix, derived from the CLI's own capability table (never a
 * second hand-kept list): every available stack whose template pack exists × its databases × auth × two models.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SHOP = join(ROOT, 'test/fixtures/shop.yaml');
const VERSION = '0.0.0-test';
const tmp = mkdtempSync(join(tmpdir(), 'cb-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hasPack = (stack: StackId) => existsSync(join(ROOT, 'templates', stack, 'pack.json'));
const READY = STACKS.filter((s) => STACK_DATABASES[s].length > 0 && hasPack(s));

const ONE_ENTITY: Answers['entities'] = { Note: { fields: { title: 'string!', body: 'text' } } };

function resolveConfig(model: 'shop' | 'one', stack: StackId, database: DatabaseId, auth: AuthId): ResolvedConfig {
  const gathered = model === 'shop' ? gather({ config: SHOP }) : gather({});
  expect(gathered.problems).toEqual([]);
  const entities = model === 'shop' ? gathered.partial.entities! : ONE_ENTITY!;
  // Owned rows need auth; without it the same model is used with every entity unowned.
  const adjusted = auth === 'jwt' ? entities : Object.fromEntries(Object.entries(entities).map(([k, e]) => [k, { ...e, owned: false }]));
  const answers = withDefaults({ ...gathered.partial, name: model === 'shop' ? 'shop' : 'notes', stack, database, auth, cloud: [], entities: adjusted });
  const { config, problems } = finish(answers, gathered, {});
  expect(problems).toEqual([]);
  return config!;
}

const stacks = new Map<StackId, StackDescriptor>();
for (const s of READY) stacks.set(s, await loadStack(s));
/** The stack's packs for a config, its database's pack included (cloud targets have tests of their own). */
const builtIn = (config: ResolvedConfig): Pack[] => builtInPacks(stacks.get(config.stack)!, { ...config, cloud: [] }).map((p) => loadPack(join(ROOT, 'templates', p)));

function run(config: ResolvedConfig, extra: Pack[] = []): VirtualTree {
  return generate({ config, stack: stacks.get(config.stack)!, packs: [...builtIn(config), ...extra], generatorVersion: VERSION }).tree;
}

const MATRIX = READY.flatMap((stack) =>
  STACK_DATABASES[stack].flatMap((database) =>
    AUTHS.flatMap((auth) => (['shop', 'one'] as const).map((model) => ({ stack, database, auth, model, label: `${stack}/${database}/auth=${auth}/${model}` }))),
  ),
);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/**
 * `{{` that is not a GitHub Actions `${{ }}` expression, a Python f-string's escaped brace or a Go composite literal
 * in a slice (`[]FieldError{{Field: …}}`, a key and a colon, which no Handlebars expression has) is a template left
 * unrendered.
 */
const LEFTOVER = /(?<![$\\{])\{\{(?!\{)[#/^>!]?\s*[@\w.]+(?![@\w.]|:)/;

describe('the matrix comes from the capability table', () => {
  it('has at least one stack with templates and covers each of its databases', () => {
    expect(READY.length).toBeGreaterThan(0);
    for (const s of READY) expect(new Set(MATRIX.filter((m) => m.stack === s).map((m) => m.database))).toEqual(new Set(STACK_DATABASES[s]));
  });
});

describe.each(MATRIX)('$label', ({ stack, database, auth, model }) => {
  const config = resolveConfig(model, stack, database, auth);
  const tree = run(config);

  it('renders every template completely and cleanly', () => {
    expect(tree.size).toBeGreaterThan(5);
    for (const [path, content] of tree.entries()) {
      expect(path, 'no template suffix or _dotfile survives').not.toMatch(/\.hbs$|(^|\/)_[a-zA-Z]/);
      const text = content.toString('utf8');
      expect(LEFTOVER.exec(text)?.[0], `${path} has an unrendered {{`).toBeUndefined();
      expect(/\bTODO\b|\bFIXME\b|changeme/i.exec(text)?.[0], `${path} has a placeholder`).toBeUndefined();
    }
  });

  it('has one set of files per entity and the project files', () => {
    expect(tree.has('backend.yaml') && tree.has('.create-backend/manifest.json')).toBe(true);
    const paths = tree.paths();
    for (const e of config.entities) {
      const n = [e.name, e.name.toLowerCase()].concat(Object.values(names(e.name)));
      expect(paths.some((p) => n.some((form) => p.split('/').some((seg) => [form, `${form}_entity`].includes(seg.replace(/\.[^.]*$/, '')) || seg.startsWith(`${form}.`) || seg.startsWith(`test_${form}`)))), `a file for ${e.name}`).toBe(true);
    }
  });

  it.runIf(database !== 'sqlite')('runs the one database image of the deployment model, in compose and in CI', () => {
    // The official image of the server the clouds run, whatever the stack (python once ran MariaDB for MySQL);
    // MongoDB, which no cloud target runs yet, the major the READMEs say is supported.
    const image = database === 'mongodb' ? mongoSchema([], false).image : deploymentModel(config, null).database!.image;
    expect(image).toMatch({ mysql: /^mysql:8\./, postgres: /^postgres:\d+$/, mongodb: /^mongo:\d+$/ }[database]);
    for (const file of ['compose.yaml', '.github/workflows/ci.yml']) {
      const images = [...tree.get(file)!.toString('utf8').matchAll(/^\s+image: (\S+)$/gm)].map((m) => m[1]).filter((i) => !i.includes('{'));
      expect(images, file).toContain(image);
    }
  });

  it('is byte-identical when generated again', () => {
    const again = run(config);
    expect(again.paths()).toEqual(tree.paths());
    for (const [path, content] of tree.entries()) expect(again.get(path)!.equals(content), path).toBe(true);
  });

  it('records a manifest whose hashes match the contents', () => {
    const manifest = JSON.parse(tree.get('.create-backend/manifest.json')!.toString('utf8')) as { generator: string; version: string; packs: Array<{ name: string; version: string }>; files: Record<string, string> };
    expect(manifest.generator).toBe('create-backend');
    expect(manifest.version).toBe(VERSION);
    expect(manifest.packs.map((p) => p.name)).toEqual(builtIn(config).map((p) => p.manifest.name));
    expect(Object.keys(manifest.files).sort()).toEqual(tree.paths().filter((p) => p !== '.create-backend/manifest.json'));
    for (const [path, hash] of Object.entries(manifest.files)) expect(sha256(tree.get(path)!), path).toBe(hash);
  });

  it('writes a backend.yaml that re-validates to the same config', () => {
    const file = join(tmp, `${stack}-${database}-${auth}-${model}.yaml`);
    writeFileSync(file, tree.get('backend.yaml')!);
    const gathered = gather({ config: file });
    expect(gathered.problems).toEqual([]);
    const again = finish(withDefaults(gathered.partial), gathered, {});
    expect(again.problems).toEqual([]);
    expect(again.config).toEqual(config);
  });
});


/** An in-house pack written into a temp folder: pack.json plus files/. */
function pack(name: string, files: Record<string, string>, when?: Record<string, string | string[]>): Pack {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'files'), { recursive: true });
  writeFileSync(join(dir, 'pack.json'), JSON.stringify({ name, version: '1.2.3', ...(when ? { when } : {}) }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, 'files', path)), { recursive: true });
    writeFileSync(join(dir, 'files', path), content);
  }
  return loadPack(dir);
}

describe('per-entity templates', () => {
  const docs = pack('entity-docs', { 'docs/__entity_kebab__.md.hbs': '{{entity.names.pascal}} {{entity.table}}{{#each entity.fields}} {{column}}:{{type}}{{/each}}\n' });
  const entityDocs = (tree: VirtualTree) => tree.paths().filter((p) => p.startsWith('docs/')).map((p) => tree.get(p)!.toString()).join('');

  it('read the shared entity view as `entity` on every stack, so a pack renders the same text on each', () => {
    const texts = READY.map((stack) => entityDocs(run(resolveConfig('shop', stack, 'sqlite', 'jwt'), [docs])));
    expect(texts[0]).toContain('Product products');
    for (const text of texts) expect(text).toBe(texts[0]);
  });

  it("read the stack's own part of the entity as `entity.lang` (python and java)", () => {
    const own = { python: '{{entity.lang.modelClass}} {{entity.lang.module}}{{#each entity.lang.fields}} {{attr}}{{/each}}\n', java: '{{entity.lang.className}}{{#each entity.lang.fields}} {{javaType}}{{/each}}\n' } as const;
    for (const stack of ['python', 'java'] as const) {
      const tree = run(resolveConfig('shop', stack, 'sqlite', 'jwt'), [pack(`entity-lang-${stack}`, { 'docs/__entity_kebab__.md.hbs': own[stack] })]);
      expect(entityDocs(tree), stack).toMatch(stack === 'python' ? /^Product product( [a-z_]+)+$/m : /^Product( [A-Z]\w*)+$/m);
    }
  });
});

describe.runIf(READY.length > 0)('layered packs', () => {
  const stack = READY[0];
  const database = STACK_DATABASES[stack][0];
  const jwt = resolveConfig('shop', stack, database, 'jwt');
  const none = resolveConfig('shop', stack, database, 'none');
  const base = run(jwt);
  // A plain built-in file (not per-entity) to replace.
  const replaced = base.paths().find((p) => p !== 'backend.yaml' && !p.startsWith('.create-backend') && !/__entity/.test(p))!;

  const inHouse = pack('acme', {
    [replaced]: 'replaced by acme\n',
    'CODEOWNERS.hbs': '* @acme/{{project.names.kebab}}\n',
    'docs/entities/__entity_kebab__.md.hbs': '# {{entity.names.title}}\n{{#each entity.fields}}- {{name}}: {{type}}\n{{/each}}',
    'AUTH.md': 'jwt only\n',
    'NO-AUTH.md': 'no auth\n',
    '_gitignore': 'acme-secrets/\n',
    '_config/acme.json': '{}\n',
  }, { 'AUTH.md': 'auth.jwt', 'NO-AUTH.md': '!auth.jwt', 'CODEOWNERS.hbs': ['auth.jwt', 'database.isSql'] });

  it('replaces a built-in file, keeping everything else', () => {
    const tree = run(jwt, [inHouse]);
    expect(tree.get(replaced)!.toString()).toBe('replaced by acme\n');
    for (const p of base.paths()) if (p !== replaced && p !== '.create-backend/manifest.json' && p !== '.gitignore') expect(tree.get(p)!.equals(base.get(p)!), p).toBe(true);
  });

  it('adds a file and a per-entity file for every entity', () => {
    const tree = run(jwt, [inHouse]);
    expect(tree.get('CODEOWNERS')!.toString()).toBe('* @acme/shop\n');
    for (const e of jwt.entities) {
      const doc = tree.get(`docs/entities/${names(e.name).kebab}.md`)!.toString();
      expect(doc.split('\n')[0]).toBe(`# ${names(e.name).title}`);
      for (const f of e.fields) expect(doc).toContain(`- ${f.name}: ${f.type}`);
    }
  });

  it('renders files only when their condition holds', () => {
    const withJwt = run(jwt, [inHouse]);
    const without = run(none, [inHouse]);
    expect(withJwt.has('AUTH.md') && !withJwt.has('NO-AUTH.md')).toBe(true);
    expect(without.has('NO-AUTH.md') && !without.has('AUTH.md')).toBe(true);
    expect(without.has('CODEOWNERS')).toBe(false); // a list of conditions: all must hold
    expect(evaluate('database.isSql', { database: { isSql: true } })).toBe(true);
    expect(evaluate('!entities', { entities: [] })).toBe(true);
    expect(evaluate('a.b.c', {})).toBe(false);
  });

  it('turns _gitignore into .gitignore and _dir/ into .dir/, and strips .hbs', () => {
    const tree = run(jwt, [inHouse]);
    expect(tree.get('.gitignore')!.toString()).toBe('acme-secrets/\n');
    expect(tree.has('.config/acme.json')).toBe(true);
    expect(outputPath('_github/workflows/ci.yml.hbs')).toBe('.github/workflows/ci.yml');
    expect(outputPath('src/__entity_kebab__.ts.hbs')).toBe('src/__entity_kebab__.ts');
  });

  it('gives a file the mode of its pack file: executable only where the pack marks it so, whatever its name', () => {
    const modes = pack('modes', { 'tools/release': '#!/bin/sh\n', 'bin/notes.sh': 'not a script\n', 'tools/run.sh.hbs': '#!/bin/sh\necho {{project.names.kebab}}\n' });
    chmodSync(join(modes.dir, 'files/tools/release'), 0o755);
    chmodSync(join(modes.dir, 'files/tools/run.sh.hbs'), 0o755);
    const tree = run(jwt, [loadPack(modes.dir)]);
    expect([tree.mode('tools/release'), tree.mode('tools/run.sh'), tree.mode('bin/notes.sh')]).toEqual([0o755, 0o755, 0o644]);
    expect(tree.mode(replaced)).toBe(0o644);
    expect(run(resolveConfig('one', 'java', 'sqlite', 'none')).mode('mvnw')).toBe(0o755); // the Maven wrapper
  });

  it('records the in-house pack in the manifest, and stays byte-identical', () => {
    const a = run(jwt, [inHouse]);
    const b = run(jwt, [inHouse]);
    const manifest = JSON.parse(a.get('.create-backend/manifest.json')!.toString()) as { packs: Array<{ name: string; version: string }>; files: Record<string, string> };
    expect(manifest.packs.at(-1)).toEqual({ name: 'acme', version: '1.2.3' });
    expect(manifest.files.CODEOWNERS).toBe(sha256(a.get('CODEOWNERS')!));
    for (const [p, c] of a.entries()) expect(b.get(p)!.equals(c), p).toBe(true);
  });

  it('a missing variable is a TemplateError naming pack:path, the line and the variable as written (strict mode)', () => {
    const broken = pack('broken', { 'docs/x.md.hbs': 'line one\n{{project.nmae}}\n' });
    let error: unknown;
    try {
      run(jwt, [broken]);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).template).toBe('broken:docs/x.md.hbs');
    // Handlebars alone says `"nmae" not defined in [object Object] - 2:2` (issue 13).
    expect((error as Error).message).toBe('template broken:docs/x.md.hbs, line 2: unknown variable "nmae" (in {{project.nmae}})');
  });

  it('a syntax error in a template is a TemplateError naming pack:path', () => {
    const broken = pack('broken2', { 'a.txt.hbs': '{{#if auth.jwt}}open' });
    expect(() => run(jwt, [broken])).toThrow(TemplateError);
    expect(() => run(jwt, [broken])).toThrow(/broken2:a\.txt\.hbs/);
  });

  it('an unknown entity name form in a path is an error, not a silent file', () => {
    const broken = pack('broken3', { 'docs/__entity_nope__.md': 'x' });
    expect(() => run(jwt, [broken])).toThrow(/__entity_nope__/);
  });

  it('a pack without files/ or with a broken pack.json is a PackError', () => {
    const dir = join(tmp, 'empty-pack');
    mkdirSync(dir, { recursive: true });
    expect(() => loadPack(dir)).toThrow(PackError);
    writeFileSync(join(dir, 'pack.json'), '{ nope');
    mkdirSync(join(dir, 'files'));
    expect(() => loadPack(dir)).toThrow(/not valid JSON/);
  });
});

describe.runIf(READY.includes('node'))('node: security settings (issue 13)', () => {
  const text = (tree: VirtualTree, path: string): string => tree.get(path)?.toString('utf8') ?? '';

  it('documents every security variable in .env.example and the README, with the project name as token issuer', () => {
    const tree = run(resolveConfig('shop', 'node', 'sqlite', 'jwt'));
    const env = text(tree, '.env.example');
    for (const line of ['TRUSTED_PROXIES=', 'API_DOCS=true', 'JWT_ISSUER=shop', 'JWT_AUDIENCE=shop-api', 'LOGIN_MAX_FAILURES=10']) {
      expect(env.split('\n'), line).toContain(line);
    }
    const readme = text(tree, 'README.md');
    const security = readme.slice(readme.indexOf('## Security'));
    for (const topic of ['1 MiB', '32 levels', 'RATE_LIMIT_PER_MINUTE', 'LOGIN_MAX_FAILURES', 'argon2id', '503', 'JWT_ISSUER', 'JWT_AUDIENCE', 'TRUSTED_PROXIES', 'Content-Security-Policy', 'Strict-Transport-Security', 'JWT_SECRET', 'API_DOCS']) {
      expect(security, topic).toContain(topic);
    }
  });

  it('leaves the auth settings out without auth, and no file reads the retired TRUST_PROXY', () => {
    const tree = run(resolveConfig('one', 'node', 'postgres', 'none'));
    const env = text(tree, '.env.example');
    expect(env).toContain('TRUSTED_PROXIES=');
    expect(env).not.toMatch(/LOGIN_MAX_FAILURES|JWT_ISSUER/);
    expect(text(tree, 'README.md')).not.toMatch(/Login throttle|JWT_AUDIENCE/);
    // Only the config (which refuses it) and its test name it.
    const naming = tree.entries().filter(([, content]) => /\bTRUST_PROXY\b/.test(content.toString('utf8'))).map(([path]) => path);
    expect(naming).toEqual(['src/config.ts', 'test/app.test.ts']);
  });

  it('deploys node containers with TRUSTED_PROXIES the generated config accepts (IPs or CIDR ranges)', () => {
    const env = stacks.get('node')!.container.env;
    expect(env).not.toHaveProperty('TRUST_PROXY');
    for (const entry of env.TRUSTED_PROXIES!.split(',')) {
      const [address, prefix] = entry.split('/');
      const version = isIP(address!);
      expect(version, entry).not.toBe(0);
      expect(Number(prefix), entry).toBeLessThanOrEqual(version === 4 ? 32 : 128);
    }
  });
});

describe('java package', () => {
  const javaFiles = (tree: VirtualTree) => [...tree.entries()].map(([p]) => p).filter((p) => p.endsWith('.java'));
  it('follows the project name, and the spec file can set it', () => {
    const derived = resolveConfig('shop', 'java', 'sqlite', 'jwt');
    expect(derived.java).toEqual({ package: 'com.example.shop' });
    const tree = run(derived);
    expect(javaFiles(tree).every((p) => p.startsWith('src/main/java/com/example/shop/') || p.startsWith('src/test/java/com/example/shop/'))).toBe(true);
    expect(tree.get('backend.yaml')!.toString()).toContain('java:\n  package: com.example.shop\n');

    const own = run({ ...derived, java: { package: 'org.acme.clinic' } });
    const files = javaFiles(own);
    expect(files).toContain('src/main/java/org/acme/clinic/Application.java');
    expect(files).toContain('src/main/java/org/acme/clinic/auth/AuthController.java');
    for (const path of files) {
      const source = own.get(path)!.toString();
      const dir = path.replace(/^src\/(main|test)\/java\//, '').replace(/\/[^/]+$/, '').replace(/\//g, '.');
      expect(source, path).toContain(`package ${dir};`);
      expect(source, path).not.toContain('com.example');
    }
    expect(own.get('pom.xml')!.toString()).toContain('<groupId>org.acme</groupId>');
  });
  it('is recorded only for the java stack', () => {
    expect(resolveConfig('one', 'node', 'sqlite', 'none').java).toBeUndefined();
  });
});
