import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { settings } from '../lib/settings.ts';
import { createStacks } from '../lib/stacks.ts';

// Synthesizes both stacks offline (no account, no region, no network) with this app's own cdk.json context, which
// turns on CloudFormation validation: an unknown property or a wrong value fails synthesis.
const context = (JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }).context;

function synth() {
  const app = new App({ context });
  const stacks = createStacks(app, {
    imageTag: 'test',
    certificateArn: 'arn:aws:acm:region:account:certificate/test',
    githubRepository: 'owner/repo',
    createGithubOidcProvider: true,
  });
  app.synth();
  return { foundation: Template.fromStack(stacks.foundation), service: Template.fromStack(stacks.service) };
}

const { foundation, service } = synth();

test('the database is private, encrypted, protected, backed up, with its password managed by RDS', () => {
  foundation.hasResourceProperties('AWS::RDS::DBInstance', {
    Engine: settings.database.engine,
    PubliclyAccessible: false,
    StorageEncrypted: true,
    DeletionProtection: true,
    MultiAZ: true,
    ManageMasterUserPassword: true,
    BackupRetentionPeriod: settings.database.backupRetentionDays,
    MasterUserPassword: Match.absent(),
  });
});

test('the service runs in private subnets with a circuit breaker, behind a TLS listener probing the health path', () => {
  service.hasResourceProperties('AWS::ECS::Service', {
    LaunchType: 'FARGATE',
    DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true } }),
    NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
  });
  service.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: settings.port, HealthCheckPath: settings.healthPath });
  service.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'HTTPS' });
  service.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: settings.scaling.min, MaxCapacity: settings.scaling.max });
});

test('secrets reach the container from Secrets Manager, never as plain environment values', () => {
  const tasks = service.findResources('AWS::ECS::TaskDefinition');
  const container = Object.values(tasks)[0].Properties.ContainerDefinitions[0] as { Environment: Array<{ Name: string }>; Secrets: Array<{ Name: string }> };
  const secrets = container.Secrets.map((s) => s.Name);
  assert.deepEqual(secrets.filter((n) => n.startsWith('DB_')).sort(), ['DB_PASSWORD', 'DB_USERNAME']);
  assert.equal(secrets.includes('JWT_SECRET'), settings.jwtSecret);
  for (const e of container.Environment) assert.ok(!secrets.includes(e.Name), `${e.Name} is both plain and secret`);
});
