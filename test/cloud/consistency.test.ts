import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DeploymentModel } from '../../src/model/deployment.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { CASES, CDK_CASES, READY_STACKS } from './support/matrix.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { ROOT, cdkApp, cdkDir, which } from './support/paths.js';
import { containerOf, deploymentOf, resolveCase } from './support/render.js';
import { blocks, parseModule, type HclJson, type Module } from './support/terraform.js';

/**
 * One deployment model, many files: the port, the health path, the image, the commands and the variable names
 * must agree between the app's own files (.env.example, Dockerfile, compose.yaml, its config loader) and every
 * cloud output. This is what keeps a Terraform file from probing a path the app does not serve.
 */
/** Every source file under src/, or internal/ and cmd/ (Go), concatenated. */
function sourceText(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|js|py|java|kt|go|rb|ya?ml|properties)$/.test(e.name)) out.push(readFileSync(p, 'utf8'));
    }
  };
  for (const root of ['src', 'internal', 'cmd', 'lib', 'config']) walk(join(dir, root)); // internal/ and cmd/: the Go layout; lib/ and config/: Ruby's
  return out.join('\n');
}

/** Stacks not yet offered by the CLI (the Java stack while it is written) still get a model to test their launcher. */
const fallbackConfig = (stack: ResolvedConfig['stack'], database: 'postgres' | 'mysql' | 'mongodb'): ResolvedConfig => ({ name: 'pet-clinic', stack, database, cloud: [], auth: 'none', iac: 'terraform', entities: [] });

const envKeys = (text: string) => new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

describe.each(CASES)('consistency, $label', (c) => {
  let model: DeploymentModel;
  const read = (p: string) => readFileSync(join(c.dir, p), 'utf8');
  const mods: Record<string, Module> = {};
  const res = (target: string, type: string, name: string): HclJson => {
    const b = blocks(mods[target], 'resource').find((x) => x.type === type && x.name === name);
    expect(b, `${target}: ${type}.${name}`).toBeDefined();
    return b!.body;
  };
  const variableDefault = (target: string, name: string) => Object.values(mods[target].files).find((j) => j.variable?.[name])!.variable[name][0].default;

  beforeAll(async () => {
    model = deploymentOf(resolveCase(c, []).config!);
    for (const t of ['aws', 'gcp', 'azure']) mods[t] = await parseModule(join(c.dir, 'infra', t));
  });

  it('the model: port 3000, GET /health, the project name as image, container commands for the stack', () => {
    expect(model.port).toBe(3000);
    expect(model.healthPath).toBe('/health');
    expect(model.image).toBe('pet-clinic');
    expect(model.runtime).not.toBeNull();
    expect(model.database?.engine ?? (model.mongodb && 'mongodb')).toBe(c.database);
  });

  it('.env.example documents every variable the clouds set', () => {
    const keys = envKeys(read('.env.example'));
    for (const name of model.envNames) expect(keys.has(name), `${name} in .env.example`).toBe(true);
    expect(read('.env.example')).toMatch(new RegExp(`^PORT=${model.port}$`, 'm'));
  });

  it('the app reads every variable the clouds set (its source names each one)', () => {
    // Any stack: the variable's name in the app's source, or its snake_case field (pydantic-settings, Spring relaxed binding).
    const text = sourceText(c.dir);
    for (const name of model.envNames) {
      expect(text.includes(name) || new RegExp(`\\b${name.toLowerCase()}\\b`).test(text), `${name} read by the app`).toBe(true);
    }
  });

  it('Dockerfile: EXPOSE, health check path, start command and non-root uid agree with the model', () => {
    const text = read('Dockerfile');
    const df = DockerfileParser.parse(text);
    const expose = df.getInstructions().filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArguments().map((a) => a.getValue()));
    expect(expose).toEqual([String(model.port)]);
    expect(text).toContain(model.healthPath);
    // What the image runs: its ENTRYPOINT followed by its CMD (exec form), which must contain the model's start command.
    const last = (k: string) => df.getInstructions().filter((i) => i.getKeyword() === k).pop();
    const words = ['ENTRYPOINT', 'CMD'].flatMap((k) => (last(k) ? (JSON.parse(last(k)!.getArgumentsContent()!) as string[]) : []));
    expect(words.join(' ')).toContain(model.runtime!.startShell);
    if (c.stack === 'node') {
      expect(df.getFROMs().pop()!.getImageName()).toBe('node');
      expect(text).toMatch(/^USER node$/m); // uid 1000 in the official node images
      expect(model.runtime!.uid).toBe(1000);
    } else {
      expect(text).toMatch(new RegExp(`(--uid|-u)\\s+${model.runtime!.uid}\\b|^USER ${model.runtime!.uid}\\b`, 'm'));
    }
  });

  it('the migrate command of the model is the stack’s own (Dockerfile, compose or build layout)', () => {
    const migrate = model.runtime!;
    if (c.stack === 'node') {
      // src/db/migrate.ts compiles (rootDir src, outDir dist) to dist/db/migrate.js, and compose runs exactly that.
      expect(existsSync(join(c.dir, 'src/db/migrate.ts'))).toBe(true);
      expect(JSON.parse(read('tsconfig.build.json')).compilerOptions.rootDir).toBe('src');
      expect(read('tsconfig.json')).toMatch(/"outDir":\s*"dist"/);
      expect(migrate.migrate).toEqual(['node', 'dist/db/migrate.js']);
      const compose = parseYaml(read('compose.yaml')) as { services: Record<string, { command?: string[] }> };
      expect(compose.services.migrate.command).toEqual([...migrate.migrate]);
      // SQL migrations are files the image carries; MongoDB's (collections and indexes) are compiled code.
      if (c.database !== 'mongodb') expect(read('Dockerfile')).toMatch(/COPY .*migrations/);
    } else if (c.stack === 'python') {
      if (c.database === 'mongodb') {
        // No Alembic on MongoDB: the app's own module creates collections and indexes.
        expect(existsSync(join(c.dir, 'src/app/migrate.py'))).toBe(true);
        expect(migrate.migrate).toEqual(['python', '-m', 'app.migrate']);
      } else {
        expect(existsSync(join(c.dir, 'alembic.ini'))).toBe(true);
        expect(read('Dockerfile')).toMatch(/COPY alembic\.ini/);
      }
      expect(read('Dockerfile')).toContain(migrate.migrateShell);
    } else if (c.stack === 'go') {
      // One static binary: cmd/server takes a `migrate` argument, and compose runs exactly the model's command.
      expect(read('cmd/server/main.go')).toContain('args[0] == "migrate"');
      const compose = parseYaml(read('compose.yaml')) as { services: Record<string, { command?: string[] }> };
      expect(compose.services.migrate.command).toEqual([...migrate.migrate]);
      expect(migrate.migrateShell).toBe(`${migrate.startShell} migrate`);
    } else if (c.stack === 'ruby') {
      // The Rakefile's db:migrate task (Sequel::Migrator), in the image as in compose.
      expect(read('Rakefile')).toContain('task :migrate do');
      const compose = parseYaml(read('compose.yaml')) as { services: Record<string, { command?: string[] }> };
      expect(compose.services.migrate.command).toEqual([...migrate.migrate]);
      expect(migrate.migrate).toEqual(['bundle', 'exec', 'rake', 'db:migrate']);
    } else {
      // Spring Boot: the same jar with the `migrate` argument (the stack's own migrate command).
      expect(migrate.migrateShell).toBe(`${migrate.startShell} migrate`);
    }
  });

  it('compose.yaml publishes the model port and passes DATABASE_URL', () => {
    const compose = parseYaml(read('compose.yaml')) as { services: Record<string, { ports?: string[]; environment?: Record<string, string> }> };
    const app = compose.services.app;
    expect(app.ports!.some((p) => String(p).endsWith(`:${model.port}`))).toBe(true);
    expect(app.environment).toHaveProperty('DATABASE_URL');
    const dbImage = (compose.services.db as unknown as { image: string }).image;
    if (model.database?.isPostgres) expect(dbImage).toMatch(new RegExp(`^postgres:${model.database!.version}\\b`));
  });

  it('Helm chart values: port, health path, image, migrate command, plain and secret variable names', () => {
    const values = parseYaml(read('infra/kubernetes/chart/values.yaml')) as Record<string, any>;
    expect(values.containerPort).toBe(model.port);
    expect(values.healthPath).toBe(model.healthPath);
    expect(values.image.repository).toBe(model.image);
    expect(values.migrations.command).toEqual([...model.runtime!.migrate]);
    expect(values.command).toEqual([...model.runtime!.start]);
    expect([...Object.keys(values.env), ...values.secret.keys].sort()).toEqual([...model.envNames]);
  });

  it('GCP Cloud Run: port, probes, image, variables (PORT is set by Cloud Run), migrations job', () => {
    const svc = res('gcp', 'google_cloud_run_v2_service', 'app');
    const container = svc.template[0].containers[0];
    expect(container.ports[0].container_port).toBe(model.port);
    expect(container.command, 'the server only; migrations run in the job').toEqual([...model.runtime!.start]);
    for (const probe of ['startup_probe', 'liveness_probe']) expect(container[probe][0].http_get[0]).toEqual({ path: model.healthPath, port: model.port });
    const names = (container.env as Array<{ name: string }>).map((e) => e.name);
    expect(['PORT', ...names].sort()).toEqual([...model.envNames]);
    for (const s of model.secrets) expect((container.env as Array<{ name: string; value?: string }>).find((e) => e.name === s.name)!.value).toBeUndefined();
    const locals = Object.assign({}, ...Object.values(mods.gcp.files).flatMap((j) => j.locals ?? []));
    expect(locals.image).toContain(`/${model.image}:`);
    const job = res('gcp', 'google_cloud_run_v2_job', 'migrate');
    expect(job.template[0].template[0].containers[0].command).toEqual([...model.runtime!.migrate]);
    expect(variableDefault('gcp', 'deletion_protection')).toBe(true);
    if (model.mongodb) {
      // No managed MongoDB on Google Cloud: Terraform creates the secret, the operator adds the connection string.
      expect(res('gcp', 'google_secret_manager_secret', 'database_url')).toBeDefined();
      expect(blocks(mods.gcp, 'resource').some((b) => b.type === 'google_secret_manager_secret_version' && b.name === 'database_url')).toBe(false);
      expect(blocks(mods.gcp, 'resource').some((b) => b.type.startsWith('google_sql_'))).toBe(false);
      return;
    }
    const db = res('gcp', 'google_sql_database_instance', 'main');
    expect(db.database_version).toBe(model.database!.gcp.databaseVersion);
    expect(db.settings[0].ip_configuration[0].ipv4_enabled).toBe(false);
    expect(db.deletion_protection).toBe('${var.deletion_protection}');
  });

  it('Azure Container Apps: port, probes, image, variables, secrets as Key Vault references, migrations job, azure.yaml', () => {
    const app = res('azure', 'azurerm_container_app', 'app');
    expect(app.ingress[0].target_port).toBe(model.port);
    expect(app.ingress[0].allow_insecure_connections).toBe(false);
    const container = app.template[0].container[0];
    expect(container.command, 'the server only; migrations run in the job').toEqual([...model.runtime!.start]);
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe']) expect(container[probe][0]).toMatchObject({ port: model.port, path: model.healthPath, transport: 'HTTP' });
    const env = container.env as Array<{ name: string; value?: string; secret_name?: string }>;
    expect(env.map((e) => e.name).sort()).toEqual([...model.envNames]);
    for (const s of model.secrets) expect(env.find((e) => e.name === s.name)).toEqual({ name: s.name, secret_name: s.id });
    for (const s of app.secret as Array<{ key_vault_secret_id?: string; value?: string }>) {
      expect(s.key_vault_secret_id).toMatch(/azurerm_key_vault_secret\./);
      expect(s.value).toBeUndefined();
    }
    const locals = Object.assign({}, ...Object.values(mods.azure.files).flatMap((j) => j.locals ?? []));
    expect(locals.image).toContain(`/${model.image}:`);
    const job = res('azure', 'azurerm_container_app_job', 'migrate');
    expect(job.template[0].container[0].command).toEqual([...model.runtime!.migrate]);
    if (model.mongodb) {
      const cluster = res('azure', 'azurerm_mongo_cluster', 'main');
      expect(cluster).toMatchObject({ version: model.mongodb.azure.version, administrator_username: model.mongodb.username, public_network_access: 'Disabled' });
      expect(res('azure', 'azurerm_private_endpoint', 'db').private_service_connection[0]).toMatchObject({ private_connection_resource_id: '${azurerm_mongo_cluster.main.id}', subresource_names: ['MongoCluster'] });
    } else {
      const server = model.database!.isPostgres ? res('azure', 'azurerm_postgresql_flexible_server', 'main') : res('azure', 'azurerm_mysql_flexible_server', 'main');
      expect(server.version).toBe(model.database!.azure.version);
      if (model.database!.isPostgres) expect(server.public_network_access_enabled).toBe(false);
      else expect(server.public_network_access).toBe('Disabled');
    }
    const azd = parseYaml(read('azure.yaml')) as { name: string; infra: { provider: string; path: string }; services: { api: { host: string; project: string; docker: { path: string } } } };
    expect(azd).toMatchObject({ name: model.name, infra: { provider: 'terraform', path: 'infra/azure' }, services: { api: { host: 'containerapp', project: '.' } } });
    expect(existsSync(join(c.dir, azd.services.api.docker.path))).toBe(true);
    expect(app.tags).toContain('azd-service-name = "api"');
  });

  if (CDK_CASES.includes(c)) it('AWS CDK flavour: lib/settings.ts carries the model (name, port, health path, commands, launcher, variables, sizes, database)', async () => {
    const { settings } = (await import(/* @vite-ignore */ pathToFileURL(join(cdkApp(c), 'lib/settings.ts')).href)) as { settings: Record<string, any> };
    const m = model.database!;
    expect(settings).toMatchObject({
      name: model.shortName,
      port: model.port,
      healthPath: model.healthPath,
      cpu: model.sizes.aws.cpu,
      memoryMiB: model.sizes.aws.memory,
      scaling: { min: model.scaling.min, max: model.scaling.max, cpuTargetPercent: model.scaling.cpuTarget },
      logRetentionDays: model.logRetentionDays,
      start: [...model.runtime!.start],
      migrate: [...model.runtime!.migrate],
      launcher: model.databaseUrlLauncher,
      jwtSecret: model.secrets.some((x) => x.name === 'JWT_SECRET'),
    });
    expect(settings.environment.map((e: { name: string; value: string; context: string | null }) => [e.name, e.value, e.context])).toEqual(model.env.map((e) => [e.name, e.value, e.setting?.variable ?? null]));
    expect(settings.database).toMatchObject({ engine: m.engine, version: m.version, port: m.port, name: m.name, username: m.username, instanceType: m.aws.instanceClass, storageGb: m.storageGb, maxStorageGb: m.maxStorageGb, backupRetentionDays: m.backupRetentionDays, logExports: [...m.aws.logExports] });
    // The engine version RDS gets is the one the local compose file runs.
    expect(m.aws.engineVersion).toBe(m.version);
    // Only infra/aws and its workflow differ between the two flavours; the app, its Dockerfile and compose are the same.
    for (const p of ['Dockerfile', 'compose.yaml', '.env.example']) expect(readFileSync(join(cdkDir(c), p), 'utf8'), p).toBe(read(p));
  });

  it('AWS: the ECR repository is var.name, whose default is the image name cut to the ALB limit', () => {
    expect(res('aws', 'aws_ecr_repository', 'app').name).toBe('${var.name}');
    expect(variableDefault('aws', 'name')).toBe(model.shortName);
    expect(model.image.startsWith(model.shortName)).toBe(true);
  });
});

describe('the AWS launcher that composes DATABASE_URL from the secret RDS or DocumentDB manages', () => {
  // RDS and DocumentDB generate passwords from printable ASCII except / @ " and space; include every URL delimiter that remains.
  const PASSWORD = `a:b#c?d%e&f=g+h[i]j!k$l(m)n*o,p;q~r_s.t-u'v\\w\`x{y}z|0^1<2>3`;
  const stacks = READY_STACKS;
  const runtimeOf = (stack: string) => (stack === 'node' ? 'node' : stack === 'python' ? 'python' : stack === 'ruby' ? 'ruby' : 'sh');

  it.each(stacks.flatMap((stack) => (['postgres', 'mysql', 'mongodb'] as const).filter((database) => database !== 'mongodb' || STACK_DATABASES[stack].includes(database)).map((database) => ({ stack, database }))))(
    '$stack with $database: the URL decodes back to the exact login',
    ({ stack, database }) => {
      const model = deploymentOf(resolveCase({ stack, database, auth: 'none' }, []).config ?? fallbackConfig(stack, database));
      const db = model.database ?? { ...model.mongodb!, scheme: 'mongodb' };
      const tool = runtimeOf(stack);
      if (!which(tool)) return void process.stderr.write(`[cloud] ${tool} not on PATH: launcher of ${stack} not executed\n`);
      const r = spawnSync('sh', ['-c', model.databaseUrlLauncher!, 'launcher', 'printenv', 'DATABASE_URL'], {
        env: { PATH: process.env.PATH, DB_USERNAME: 'app', DB_PASSWORD: PASSWORD, DB_HOST: 'db.internal', DB_PORT: String(db.port), DB_NAME: db.name },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      const url = new URL(r.stdout.trim());
      expect(url.protocol).toBe(`${db.scheme}:`);
      expect(decodeURIComponent(url.username)).toBe('app');
      expect(decodeURIComponent(url.password)).toBe(PASSWORD);
      expect(url.hostname).toBe('db.internal');
      expect(url.port).toBe(String(db.port));
      expect(url.pathname).toBe(`/${db.name}`);
      expect(url.search).toBe(db.awsUrlQuery ? `?${db.awsUrlQuery}` : '');
    },
  );
});

describe('the container commands of each stack descriptor', () => {
  it('names a migrate command that exists in each stack’s template pack', () => {
    for (const stack of READY_STACKS) {
      const r = containerOf(stack);
      const pack = join(ROOT, 'templates', stack, 'files');
      if (stack === 'node') expect(existsSync(join(pack, 'src/db/migrate.ts'))).toBe(true);
      if (stack === 'python') expect(existsSync(join(pack, 'alembic.ini'))).toBe(true);
      expect(r.migrate.length).toBeGreaterThan(0);
    }
  });
});
