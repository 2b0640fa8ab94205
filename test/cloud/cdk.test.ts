import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnResource } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentModel } from '../../src/model/deployment.js';
import { CDK_VERSIONS_FILE } from '../../src/model/cdk-versions.js';
import { TEST_CONTEXT, appContext, synthCdk, type Synthesized } from './support/cdk.js';
import { run } from './support/exec.js';
import { CDK_CASES as CASES, SQL_SERVERS } from './support/matrix.js';
import { CDK_PROJECTS, ROOT, cdkApp } from './support/paths.js';
import { placeholderProblems } from './support/placeholders.js';
import { deploymentOf, resolveCase } from './support/render.js';

/**
 * The AWS CDK flavour of infra/aws (`--iac cdk`), for every matrix case: the generated app type-checks (strict) with the
 * repository's TypeScript, synthesizes in-process against the repository's aws-cdk-lib with the CloudFormation
 * validation of its own cdk.json turned on, its own test passes, and the synthesized templates carry the deployment
 * model and the security defaults of issue 6. checkov over the templates is in checkov.test.ts.
 */
const VALIDATE = cxapi.VALIDATE_AGAINST_DEFAULT_RULES;
const rootPackage = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const pinned = JSON.parse(readFileSync(CDK_VERSIONS_FILE, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const installed = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The findings of the CloudFormation validator in a synthesis' validation-report.json. */
const violations = (c: { label: string }, purpose: string): Array<{ ruleName: string; severity: string; description: string }> =>
  (JSON.parse(readFileSync(join(ROOT, '.e2e/cloud/cdk-out', `${c.label}-${purpose}`, 'validation-report.json'), 'utf8')) as { pluginReports: Array<{ violations?: any[] }> }).pluginReports.flatMap((p) => p.violations ?? []);

describe('the CDK app’s versions and validation switch', () => {
  it('aws-cdk-lib and constructs pinned in the pack equal the repository’s devDependencies (what the tests synthesize with)', () => {
    for (const name of ['aws-cdk-lib', 'constructs']) {
      expect(pinned.dependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(rootPackage.devDependencies[name].replace(/^[\^~]/, ''), `${name} in package.json`).toBe(pinned.dependencies[name]);
      expect(installed(name), `${name} in node_modules`).toBe(pinned.dependencies[name]);
    }
    // A 2.x CLI (the 3.x line cannot read this aws-cdk-lib's cloud assembly) and the repository's TypeScript.
    expect(pinned.devDependencies['aws-cdk']).toMatch(/^2\.\d{4}\.\d+$/);
    expect(pinned.devDependencies.typescript).toBe(rootPackage.devDependencies.typescript);
  });

  it(`aws-cdk-lib knows the switch ${VALIDATE}, and every generated cdk.json turns it on`, () => {
    expect(VALIDATE).toBe('@aws-cdk/core:validateAgainstDefaultRules');
    expect(cxapi.FLAGS[VALIDATE]).toBeDefined();
    for (const c of CASES) expect(appContext(c)[VALIDATE], c.label).toBe(true);
  });

  it('with the switch on, a wrong CloudFormation property or value fails synthesis (so a clean synth means something)', async () => {
    const c = CASES[0];
    const override = (prop: string, value: string) => (s: Synthesized['stacks']) => (s.foundation.database.node.defaultChild as CfnResource).addPropertyOverride(prop, value);
    await expect(synthCdk(c, { change: override('Enginee', 'postgres'), purpose: 'misspelt' })).rejects.toThrow(/A copy of this report can be found in/);
    expect(violations(c, 'misspelt')).toEqual([expect.objectContaining({ ruleName: 'F3002', severity: 'error', description: expect.stringContaining("'Enginee' was unexpected") })]);
    await expect(synthCdk(c, { change: override('Engine', 'postgress'), purpose: 'wrong-value' })).rejects.toThrow(/A copy of this report can be found in/);
    expect(violations(c, 'wrong-value')).toEqual([expect.objectContaining({ ruleName: 'E9006', severity: 'error' })]);
    // The same mistake without the switch is only a warning: the switch is what makes synthesis fail.
    const { [VALIDATE]: _, ...lenient } = appContext(c);
    await expect(synthCdk(c, { change: override('Enginee', 'postgres'), context: lenient, purpose: 'lenient' })).resolves.toBeDefined();
    expect(violations(c, 'lenient')).toEqual([expect.objectContaining({ ruleName: 'F3002' })]);
  });

  it('deletion protection is on by default and off only with -c deletionProtection=false (to tear down)', async () => {
    const c = CASES[0];
    const off = await synthCdk(c, { context: { ...appContext(c), deletionProtection: 'false' }, purpose: 'teardown' });
    off.foundation.hasResourceProperties('AWS::RDS::DBInstance', { DeletionProtection: false });
    off.service.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'false' }]) });
  });

  it('every generated app type-checks with the repository’s TypeScript (strict, its own tsconfig.json)', () => {
    // One program over all apps (their tsconfig.json files are identical): aws-cdk-lib's types load once.
    const configs = CASES.map((c) => readFileSync(join(cdkApp(c), 'tsconfig.json'), 'utf8'));
    expect(new Set(configs).size).toBe(1);
    const options = (JSON.parse(configs[0]) as { compilerOptions: Record<string, unknown> }).compilerOptions;
    expect(options.strict).toBe(true);
    const project = join(CDK_PROJECTS, 'tsconfig.json');
    const all = { extends: `./${CASES[0].label}/infra/aws/tsconfig.json`, include: CASES.flatMap((c) => ['bin', 'lib', 'test'].map((d) => `${c.label}/infra/aws/${d}`)) };
    writeFileSync(project, JSON.stringify(all));
    const r = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: CDK_PROJECTS });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    process.stderr.write(`[cloud] tsc over ${CASES.length} CDK apps: ${r.ms} ms\n`);
  });

  // The app's test is the same file in every case (lib/ too; only lib/settings.ts differs): one app per database engine
  // and auth setting keeps the layer fast (each run synthesizes both stacks in a fresh process, about 10 s here).
  const OWN_TEST_CASES = SQL_SERVERS.map((db) => CASES.find((c) => c.database === db)!).filter(Boolean);

  it(`the generated app's own test passes (node:test with Node's type stripping, the file tsx runs): ${OWN_TEST_CASES.map((c) => c.label).join(', ')}`, () => {
    const files = OWN_TEST_CASES.map((c) => join(cdkApp(c), 'test/stacks.test.ts'));
    const r = run(process.execPath, ['--test', '--test-reporter=tap', `--test-concurrency=${files.length}`, ...files], { env: { CDK_DISABLE_VERSION_CHECK: '1' } });
    expect(r.code, r.stdout.slice(-4000) + r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^# pass ${files.length * 3}$`, 'm'));
    expect(r.stdout).toMatch(/^# fail 0$/m);
    process.stderr.write(`[cloud] the CDK apps' own tests: ${r.ms} ms\n`);
  });
});

describe.each(CASES)('cdk, $label', (c) => {
  let s: Synthesized;
  let model: DeploymentModel;
  let f: Template;
  let svc: Template;
  const one = (t: Template, type: string): Record<string, any> => {
    const all = Object.values(t.findResources(type));
    expect(all, type).toHaveLength(1);
    return all[0].Properties;
  };
  const container = (t: Template) => one(t, 'AWS::ECS::TaskDefinition').ContainerDefinitions[0] as Record<string, any>;

  beforeAll(async () => {
    s = await synthCdk(c, { purpose: 'assertions' });
    f = s.foundation;
    svc = s.service;
    model = deploymentOf(resolveCase(c, ['aws'], 'cdk').config!);
    process.stderr.write(`[cloud] cdk synth ${c.label}: ${s.ms} ms\n`);
  });

  it('synthesizes in-process with CloudFormation validation on, with no finding (not even a warning)', () => {
    expect(violations(c, 'assertions')).toEqual([]);
    expect(Object.keys(f.toJSON().Resources).length).toBeGreaterThan(40);
  });

  it('no Lambda function or custom resource: only plain CloudFormation resources', () => {
    for (const t of [f, svc]) {
      const types = Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
      expect(types.filter((x) => x.startsWith('Custom::') || x.startsWith('AWS::Lambda::') || x === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    }
  });

  it('RDS: engine, version, size and names of the model; private, encrypted with the key, Multi-AZ, deletion protection, backups, password managed by RDS', () => {
    const db = one(f, 'AWS::RDS::DBInstance');
    const m = model.database!;
    expect(db).toMatchObject({ Engine: m.aws.engine, EngineVersion: m.aws.engineVersion, DBInstanceClass: m.aws.instanceClass, DBName: m.name, MasterUsername: m.username, Port: String(m.port) });
    expect(db).toMatchObject({ ManageMasterUserPassword: true, StorageEncrypted: true, PubliclyAccessible: false, DeletionProtection: true, MultiAZ: true, BackupRetentionPeriod: m.backupRetentionDays });
    expect(db.MasterUserPassword).toBeUndefined();
    expect(db.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Key/), 'Arn'] });
    expect(db.MasterUserSecret.KmsKeyId).toEqual(db.KmsKeyId);
    expect(db.EnableCloudwatchLogsExports).toEqual([...m.aws.logExports]);
    f.hasResource('AWS::RDS::DBInstance', { DeletionPolicy: 'Snapshot' });
    const subnets = one(f, 'AWS::RDS::DBSubnetGroup').SubnetIds as Array<{ Ref: string }>;
    expect(subnets.map((x) => x.Ref)).toEqual([expect.stringMatching(/^Vpcprivate/), expect.stringMatching(/^Vpcprivate/)]);
  });

  it('ECS: Fargate in private subnets without public IPs, circuit breaker with rollback, CPU autoscaling of the model', () => {
    const service = one(svc, 'AWS::ECS::Service');
    expect(service).toMatchObject({ LaunchType: 'FARGATE', DesiredCount: model.scaling.min, DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } } });
    const net = service.NetworkConfiguration.AwsvpcConfiguration;
    expect(net.AssignPublicIp).toBe('DISABLED');
    expect(JSON.stringify(net.Subnets)).toMatch(/privateSubnet/);
    expect(JSON.stringify(net.Subnets)).not.toMatch(/publicSubnet/);
    expect(service.LoadBalancers).toEqual([expect.objectContaining({ ContainerName: 'app', ContainerPort: model.port })]);
    expect(one(svc, 'AWS::ApplicationAutoScaling::ScalableTarget')).toMatchObject({ MinCapacity: model.scaling.min, MaxCapacity: model.scaling.max });
    expect(one(svc, 'AWS::ApplicationAutoScaling::ScalingPolicy')).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: model.scaling.cpuTarget, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
    });
    expect(one(svc, 'AWS::ECS::TaskDefinition')).toMatchObject({ Cpu: String(model.sizes.aws.cpu), Memory: String(model.sizes.aws.memory), RequiresCompatibilities: ['FARGATE'] });
  });

  it('ALB: TLS 1.2/1.3 with the certificate from context, HTTP only redirects, health check on the model path and port', () => {
    svc.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: TEST_CONTEXT.certificateArn }], SslPolicy: Match.stringLikeRegexp('TLS13') });
    svc.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP', DefaultActions: [Match.objectLike({ Type: 'redirect' })] });
    expect(one(svc, 'AWS::ElasticLoadBalancingV2::TargetGroup')).toMatchObject({ Port: model.port, HealthCheckPath: model.healthPath, Matcher: { HttpCode: '200' }, TargetType: 'ip' });
    const lb = one(svc, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Scheme).toBe('internet-facing');
    expect(lb.LoadBalancerAttributes).toEqual(expect.arrayContaining([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }, { Key: 'deletion_protection.enabled', Value: 'true' }]));
    expect(JSON.stringify(lb.Subnets)).toMatch(/publicSubnet/);
    svc.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('the containers: the model’s commands behind the launcher, port, every variable; secrets only from Secrets Manager', () => {
    const launcher = ['sh', '-c', model.databaseUrlLauncher];
    const app = container(svc);
    const migrate = container(f);
    expect(app.Command).toEqual([...launcher, 'launcher', ...model.runtime!.start]);
    expect(migrate.Command).toEqual([...launcher, 'launcher', ...model.runtime!.migrate]);
    expect(app.PortMappings).toEqual([{ ContainerPort: model.port, Protocol: 'tcp' }]);
    expect(migrate.PortMappings).toBeUndefined();
    for (const def of [app, migrate]) {
      expect(def.ReadonlyRootFilesystem).toBe(true);
      const plain = (def.Environment as Array<{ Name: string; Value: unknown }>);
      const secret = (def.Secrets as Array<{ Name: string; ValueFrom: unknown }>).map((x) => x.Name);
      for (const e of model.env) expect(plain.find((x) => x.Name === e.name)?.Value, e.name).toBe(e.value);
      expect(plain.map((x) => x.Name)).toEqual(expect.arrayContaining(['DB_HOST', 'DB_PORT', 'DB_NAME']));
      expect(secret.sort()).toEqual(['DB_PASSWORD', 'DB_USERNAME', ...(c.auth === 'jwt' ? ['JWT_SECRET'] : [])].sort());
      for (const s2 of model.secrets) expect(plain.map((x) => x.Name), s2.name).not.toContain(s2.name);
      const provided = new Set([...plain.map((x) => x.Name), ...secret, 'DATABASE_URL']);
      for (const name of model.envNames) expect(provided.has(name), name).toBe(true);
      expect(def.LogConfiguration.LogDriver).toBe('awslogs');
    }
    // In the foundation stack the database secret is a direct reference to the secret RDS manages.
    const password = (migrate.Secrets as Array<{ Name: string; ValueFrom: unknown }>).find((x) => x.Name === 'DB_PASSWORD')!;
    expect(JSON.stringify(password.ValueFrom)).toMatch(/"Database[0-9A-F]+","MasterUserSecret\.SecretArn"\]\},":password::"/);
  });

  it('encryption with a rotating customer key: logs (retained a year), images, secrets; ECR immutable and scanned', () => {
    expect(one(f, 'AWS::KMS::Key').EnableKeyRotation).toBe(true);
    for (const t of [f, svc]) {
      for (const g of Object.values(t.findResources('AWS::Logs::LogGroup'))) {
        expect(g.Properties.KmsKeyId).toBeDefined();
        expect(g.Properties.RetentionInDays).toBeGreaterThanOrEqual(365);
      }
    }
    expect(one(f, 'AWS::ECR::Repository')).toMatchObject({ ImageTagMutability: 'IMMUTABLE', ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: 'KMS' } });
    for (const secret of Object.values(f.findResources('AWS::SecretsManager::Secret'))) expect(secret.Properties.KmsKeyId).toBeDefined();
    f.resourceCountIs('AWS::SecretsManager::Secret', c.auth === 'jwt' ? 1 : 0);
  });

  it('network: the database accepts only the tasks, the tasks only the load balancer; no public IPs on launch', () => {
    const ingress = Object.values(f.findResources('AWS::EC2::SecurityGroupIngress')).map((r) => r.Properties);
    expect(ingress).toEqual(expect.arrayContaining([
      expect.objectContaining({ FromPort: model.database!.port, ToPort: model.database!.port, SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^AppSecurityGroup/), 'GroupId'] } }),
      expect.objectContaining({ FromPort: model.port, ToPort: model.port, SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancerSecurityGroup/), 'GroupId'] } }),
    ]));
    for (const i of ingress) expect(i.CidrIp, 'no CIDR ingress besides the load balancer’s').toBeUndefined();
    for (const subnet of Object.values(f.findResources('AWS::EC2::Subnet'))) expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  it('the deploy role trusts only this repository’s production environment through GitHub OIDC', () => {
    const roles = Object.values(f.findResources('AWS::IAM::Role')).map((r) => r.Properties);
    const deploy = roles.find((r) => JSON.stringify(r.AssumeRolePolicyDocument).includes('AssumeRoleWithWebIdentity'))!;
    const condition = deploy.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals;
    expect(condition).toEqual({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:${TEST_CONTEXT.githubRepository}:environment:production` });
    expect(one(f, 'AWS::IAM::OIDCProvider')).toMatchObject({ Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] });
  });

  it('nothing account- or region-specific in the app or its templates; nothing placeholder-like', () => {
    expect(placeholderProblems(cdkApp(c))).toEqual([]);
    for (const file of Object.values(s.files)) expect(readFileSync(file, 'utf8')).not.toMatch(/(?<![\d.])\d{12}(?![\d.])|\b(us|eu|ap)-(east|west|north|south|central)-\d\b/);
    expect(existsSync(join(cdkApp(c), 'cdk.out'))).toBe(false);
    expect(readdirSync(cdkApp(c)).sort()).toEqual(['.gitignore', 'README.md', 'bin', 'cdk.json', 'lib', 'package.json', 'test', 'tsconfig.json']);
  });
});
