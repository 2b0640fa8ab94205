import type { ResolvedConfig } from '../config/types.js';

/**
 * The built-in packs of a project, in layer order: the stack's packs, then one pack per cloud target. AWS has two
 * flavours of the same deployment: `cloud/aws` (Terraform) or, with `iac: cdk`, `cloud/aws-cdk` (a CDK app);
 * both write infra/aws and deploy-aws.yml, so exactly one of them is layered.
 */
export function builtInPacks(stackPacks: readonly string[], config: Pick<ResolvedConfig, 'cloud' | 'iac'>): string[] {
  return [...stackPacks, ...config.cloud.map((target) => (target === 'aws' && config.iac === 'cdk' ? 'cloud/aws-cdk' : `cloud/${target}`))];
}
