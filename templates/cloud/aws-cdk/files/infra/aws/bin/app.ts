import { App } from 'aws-cdk-lib';
import { createStacks } from '../lib/stacks.ts';

/**
 * Account and region come from the AWS credentials the CDK CLI runs with (CDK_DEFAULT_ACCOUNT/REGION); the
 * deployment's own values come from context (`-c key=value`, see README.md). Nothing account-specific is in the code.
 */
const app = new App();

function required(key: string, what: string): string {
  const value: unknown = app.node.tryGetContext(key);
  if (typeof value !== 'string' || value === '') throw new Error(`missing context value ${key} (${what}): pass -c ${key}=...`);
  return value;
}

createStacks(app, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  imageTag: required('imageTag', 'tag of the image in ECR to run, e.g. the commit SHA'),
  certificateArn: required('certificateArn', 'ARN of an ACM certificate for the HTTPS listener, in the same region'),
  githubRepository: required('githubRepository', 'owner/name of the GitHub repository that deploys'),
  createGithubOidcProvider: String(app.node.tryGetContext('createGithubOidcProvider') ?? 'true') !== 'false',
});
