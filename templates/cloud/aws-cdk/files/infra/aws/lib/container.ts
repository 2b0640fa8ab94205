import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { FoundationStack } from './foundation-stack.ts';
import { settings } from './settings.ts';

/**
 * The container of the service and of the migrations task: the same image, environment, secrets and logs, and a
 * read-only root file system (a tmp volume is mounted at /tmp). Secrets come from Secrets Manager through ECS,
 * never as plain values; `sh -c launcher` composes DATABASE_URL from them at start, then runs `command`.
 */
export function containerOptions(scope: Construct, f: FoundationStack, imageTag: string, command: readonly string[], streamPrefix: string): ecs.ContainerDefinitionOptions {
  const context = (key: string | null): string | undefined => (key === null ? undefined : (f.node.tryGetContext(key) as string | number | undefined)?.toString());
  const dbSecret = f.database.secret!;
  return {
    image: ecs.ContainerImage.fromEcrRepository(f.repository, imageTag),
    essential: true,
    readonlyRootFilesystem: true,
    command: ['sh', '-c', settings.launcher, 'launcher', ...command],
    environment: {
      ...Object.fromEntries(settings.environment.map((e) => [e.name, context(e.context) ?? e.value])),
      DB_HOST: f.database.dbInstanceEndpointAddress,
      DB_PORT: f.database.dbInstanceEndpointPort,
      DB_NAME: settings.database.name,
    },
    secrets: {
      DB_USERNAME: ecs.Secret.fromSecretsManager(dbSecret, 'username'),
      DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
      ...(f.jwtSecret ? { JWT_SECRET: ecs.Secret.fromSecretsManager(f.jwtSecret) } : {}),
    },
    linuxParameters: new ecs.LinuxParameters(scope, `${streamPrefix}-linux`, { initProcessEnabled: true }),
    logging: ecs.LogDrivers.awsLogs({ logGroup: f.logGroup, streamPrefix }),
  };
}

/** A task definition of the app's size for the service or the migrations task: the shared roles, and the tmp volume. */
export function fargateTask(scope: Construct, id: string, family: string, roles: { executionRole: iam.IRole; taskRole: iam.IRole }): ecs.FargateTaskDefinition {
  return new ecs.FargateTaskDefinition(scope, id, {
    family,
    cpu: settings.cpu,
    memoryLimitMiB: settings.memoryMiB,
    executionRole: roles.executionRole,
    taskRole: roles.taskRole,
    runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    volumes: [{ name: 'tmp' }],
  });
}
