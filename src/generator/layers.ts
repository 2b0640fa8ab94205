import type { ResolvedConfig } from '../config/types.js';
import type { StackDescriptor } from '../stacks/types.js';

/**
 * The built-in packs of a project, in layer order: the stack's packs, the packs of its database where the stack
 * has some (node on MongoDB: `node-mongodb` replaces the SQL data layer), then one pack per cloud target. AWS has
 * two flavours of the same deployment: `cloud/aws` (Terraform) or, with `iac: cdk`, `cloud/aws-cdk` (a CDK app);
 * both write infra/aws and deploy-aws.yml, so exactly one of them is layered.
 */
export function builtInPacks(stack: Pick<StackDescriptor, 'packs' | 'databasePacks'>, config: Pick<ResolvedConfig, 'cloud' | 'iac' | 'database'>): string[] {
  return [
    ...stack.packs,
    ...(stack.databasePacks?.[config.database] ?? []),
    ...config.cloud.map((target) => (target === 'aws' && config.iac === 'cdk' ? 'cloud/aws-cdk' : `cloud/${target}`)),
  ];
}
