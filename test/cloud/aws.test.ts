import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentModel } from '../../src/model/deployment.js';
import { CASES } from './support/matrix.js';
import { deploymentOf, resolveCase } from './support/render.js';
import { blocks, parseModule, type HclJson, type Module } from './support/terraform.js';

/** Policy of infra/aws beyond schemas: the security defaults of issue 6, and agreement with the deployment model. */
describe.each(CASES)('aws policy, $label', (c) => {
  let mod: Module;
  let model: DeploymentModel;
  const res = (type: string, name: string): HclJson => {
    const b = blocks(mod, 'resource').find((x) => x.type === type && x.name === name);
    expect(b, `${type}.${name}`).toBeDefined();
    return b!.body;
  };
  const locals = (): HclJson => Object.assign({}, ...Object.values(mod.files).flatMap((j) => j.locals ?? []));
  const variable = (name: string) => Object.values(mod.files).find((j) => j.variable?.[name])!.variable[name][0];

  beforeAll(async () => {
    mod = await parseModule(join(c.dir, 'infra/aws'));
    model = deploymentOf(resolveCase(c, ['aws']).config!);
  });

  if (c.database !== 'mongodb') it('RDS: engine and version of the model, private, encrypted, password managed by RDS, deletion protection, backups', () => {
    const db = res('aws_db_instance', 'main');
    const m = model.database!;
    expect(db).toMatchObject({ engine: m.aws.engine, engine_version: m.aws.engineVersion, port: m.port, db_name: m.name, username: m.username });
    expect(db).toMatchObject({ manage_master_user_password: true, storage_encrypted: true, publicly_accessible: false, skip_final_snapshot: false });
    expect(db.password).toBeUndefined();
    expect(db.deletion_protection).toBe('${var.deletion_protection}');
    expect(variable('deletion_protection').default).toBe(true);
    expect(db.backup_retention_period).toBe('${var.db_backup_retention_days}');
    expect(db.db_subnet_group_name).toBe('${aws_db_subnet_group.main.name}');
    expect(res('aws_db_subnet_group', 'main').subnet_ids).toBe('${aws_subnet.private[*].id}');
  });

  if (c.database === 'mongodb') {
    it('DocumentDB: the model engine, private, encrypted with the KMS key, password managed by DocumentDB, deletion protection, backups, log exports', () => {
      const cluster = res('aws_docdb_cluster', 'main');
      const m = model.mongodb!;
      expect(cluster).toMatchObject({ engine: 'docdb', engine_version: m.aws.engineVersion, port: m.port, master_username: m.username });
      expect(cluster).toMatchObject({ manage_master_user_password: true, storage_encrypted: true, kms_key_id: '${aws_kms_key.main.arn}', skip_final_snapshot: false });
      expect(cluster.master_password).toBeUndefined();
      expect(cluster.deletion_protection).toBe('${var.deletion_protection}');
      expect(variable('deletion_protection').default).toBe(true);
      expect(cluster.backup_retention_period).toBe('${var.db_backup_retention_days}');
      expect(cluster.enabled_cloudwatch_logs_exports).toEqual(['audit', 'profiler']);
      expect(cluster.vpc_security_group_ids).toEqual(['${aws_security_group.db.id}']);
      expect(res('aws_docdb_subnet_group', 'main').subnet_ids).toBe('${aws_subnet.private[*].id}');
      expect(res('aws_docdb_cluster_instance', 'main')).toMatchObject({ count: '${var.db_instances}', cluster_identifier: '${aws_docdb_cluster.main.id}' });
      expect(variable('db_instances').default).toBeGreaterThanOrEqual(2);
      // Reachable from the tasks' security group only, on MongoDB's port.
      expect(res('aws_vpc_security_group_ingress_rule', 'db_from_app')).toMatchObject({ referenced_security_group_id: '${aws_security_group.app.id}', from_port: m.port, to_port: m.port });
      expect(res('aws_vpc_security_group_egress_rule', 'app_to_db')).toMatchObject({ referenced_security_group_id: '${aws_security_group.db.id}', from_port: m.port, to_port: m.port });
    });

    it('DocumentDB: TLS enforced by the cluster parameter group of the engine family, audit and profiler on', () => {
      const group = res('aws_docdb_cluster_parameter_group', 'main');
      expect(group.family).toBe(model.mongodb!.aws.family);
      expect(res('aws_docdb_cluster', 'main').db_cluster_parameter_group_name).toBe('${aws_docdb_cluster_parameter_group.main.name}');
      const parameters = Object.fromEntries((group.parameter as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));
      expect(parameters).toMatchObject({ tls: 'enabled', audit_logs: 'enabled', profiler: 'enabled' });
    });

    it('DocumentDB: the URL verifies the server against the CA bundle in the image, without retryable writes, on the primary', () => {
      const query = new URLSearchParams(model.mongodb!.awsUrlQuery);
      expect(Object.fromEntries(query)).toEqual({ tls: 'true', tlsCAFile: model.rdsCaBundle!.path, replicaSet: 'rs0', readPreference: 'primary', retryWrites: 'false', authSource: 'admin' });
      expect(model.databaseUrlLauncher).toContain(`mongodb://$DB_USERNAME:`);
      expect(model.databaseUrlLauncher).toContain(`/$DB_NAME?${model.mongodb!.awsUrlQuery}"`);
    });
  }

  it('ECS: Fargate in private subnets without public IPs, circuit breaker with rollback, autoscaling', () => {
    const svc = res('aws_ecs_service', 'app');
    expect(svc.launch_type).toBe('FARGATE');
    expect(svc.deployment_circuit_breaker).toEqual([{ enable: true, rollback: true }]);
    expect(svc.network_configuration[0]).toMatchObject({ subnets: '${aws_subnet.private[*].id}', assign_public_ip: false });
    expect(svc.load_balancer[0]).toMatchObject({ container_name: 'app', container_port: model.port });
    expect(res('aws_appautoscaling_target', 'app')).toMatchObject({ min_capacity: '${var.min_tasks}', max_capacity: '${var.max_tasks}' });
    expect(variable('min_tasks').default).toBe(model.scaling.min);
    expect(variable('max_tasks').default).toBe(model.scaling.max);
    expect(res('aws_ecs_task_definition', 'app').container_definitions).toContain(JSON.stringify(model.runtime!.start).replace(/,/g, ', ').slice(1, -1));
    expect(res('aws_ecs_task_definition', 'migrate').container_definitions).toContain(model.runtime!.migrateList.slice(1, -1));
  });

  it('ALB: TLS from an ACM certificate variable, HTTP only redirects, health check on the model path and port', () => {
    const https = res('aws_lb_listener', 'https');
    expect(https).toMatchObject({ protocol: 'HTTPS', port: 443, certificate_arn: '${var.certificate_arn}' });
    expect(https.ssl_policy).toMatch(/TLS13/);
    expect(res('aws_lb_listener', 'http').default_action[0].type).toBe('redirect');
    const tg = res('aws_lb_target_group', 'app');
    expect(tg.port).toBe(model.port);
    expect(tg.health_check[0].path).toBe(model.healthPath);
    expect(res('aws_lb', 'main').drop_invalid_header_fields).toBe(true);
  });

  it('the container gets every variable of the model; secrets only from Secrets Manager, never as plain values', () => {
    const l = locals();
    const plain = (l.environment as Array<{ name: string }>).map((e) => e.name);
    const secret = (l.secrets as Array<{ name: string; valueFrom: string }>).map((e) => e.name);
    for (const s of model.secrets) expect(plain, s.name).not.toContain(s.name);
    // DATABASE_URL is composed by the launcher from the fields of the secret RDS or DocumentDB manages.
    expect(String(l.launcher).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).toBe(model.databaseUrlLauncher);
    expect(secret).toEqual(expect.arrayContaining(['DB_USERNAME', 'DB_PASSWORD']));
    const provided = new Set([...plain, ...secret, 'DATABASE_URL']);
    for (const name of model.envNames) expect(provided.has(name), name).toBe(true);
    for (const e of model.env) expect(plain).toContain(e.name);
    expect(new Set([...secret].filter((n) => !n.startsWith('DB_')))).toEqual(new Set(model.secrets.filter((s) => s.name !== 'DATABASE_URL').map((s) => s.name)));
  });

  it('encryption with a rotating customer key; logs retained a year; ECR immutable and scanned', () => {
    expect(res('aws_kms_key', 'main').enable_key_rotation).toBe(true);
    for (const g of ['app', 'flow', 'waf']) expect(res('aws_cloudwatch_log_group', g).kms_key_id).toBe('${aws_kms_key.main.arn}');
    expect(variable('log_retention_days').default).toBeGreaterThanOrEqual(365);
    const ecr = res('aws_ecr_repository', 'app');
    expect(ecr.image_tag_mutability).toBe('IMMUTABLE');
    expect(ecr.image_scanning_configuration).toEqual([{ scan_on_push: true }]);
  });

  it('no hard-coded region or account: the provider region is a variable without default', () => {
    const provider = Object.values(mod.files).find((j) => j.provider?.aws)!.provider.aws[0];
    expect(provider.region).toBe('${var.region}');
    expect(variable('region').default).toBeUndefined();
  });

  it('the deploy role trusts only this repository’s production environment through GitHub OIDC', () => {
    const doc = blocks(mod, 'data').find((b) => b.type === 'aws_iam_policy_document' && b.name === 'deploy_assume')!.body;
    const conditions = doc.statement[0].condition as Array<{ variable: string; values: string[] }>;
    expect(conditions.find((x) => x.variable.endsWith(':sub'))!.values).toEqual(['repo:${var.github_repository}:environment:production']);
    expect(conditions.find((x) => x.variable.endsWith(':aud'))!.values).toEqual(['sts.amazonaws.com']);
  });
});
