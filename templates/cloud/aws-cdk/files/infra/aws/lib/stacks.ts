import type { App, Environment } from 'aws-cdk-lib';
import { FoundationStack } from './foundation-stack.ts';
import { ServiceStack } from './service-stack.ts';
import { settings } from './settings.ts';

export interface DeploymentContext {
  readonly env?: Environment;
  readonly imageTag: string;
  readonly certificateArn: string;
  readonly githubRepository: string;
  readonly createGithubOidcProvider: boolean;
}

/** Both stacks of the app, named after the project; the service stack depends on the foundation. */
export function createStacks(app: App, context: DeploymentContext): { foundation: FoundationStack; service: ServiceStack } {
  const tags = { Application: settings.name, ManagedBy: 'aws-cdk', Source: 'create-backend' };
  const foundation = new FoundationStack(app, 'Foundation', {
    stackName: `${settings.name}-foundation`,
    description: `${settings.name}: network, key, image repository, database, secrets, cluster, migrations task, deploy role`,
    env: context.env,
    tags,
    imageTag: context.imageTag,
    githubRepository: context.githubRepository,
    createGithubOidcProvider: context.createGithubOidcProvider,
  });
  const service = new ServiceStack(app, 'Service', {
    stackName: `${settings.name}-service`,
    description: `${settings.name}: load balancer, firewall and the Fargate service`,
    env: context.env,
    tags,
    foundation,
    imageTag: context.imageTag,
    certificateArn: context.certificateArn,
  });
  return { foundation, service };
}
