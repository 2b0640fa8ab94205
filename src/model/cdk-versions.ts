import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/**
 * Versions of the generated AWS CDK app (`--iac cdk`), pinned once in templates/cloud/aws-cdk/versions/package.json
 * and handed to the templates as lists (Handlebars paths cannot name keys such as `aws-cdk-lib`).
 */
export interface PinnedPackage {
  readonly name: string;
  readonly version: string;
  readonly isLast: boolean;
}

export interface CdkVersions {
  readonly node: string;
  readonly dependencies: readonly PinnedPackage[];
  readonly devDependencies: readonly PinnedPackage[];
}

export const CDK_VERSIONS_FILE = join(PACKAGE_ROOT, 'templates/cloud/aws-cdk/versions/package.json');

const list = (deps: Record<string, string>): PinnedPackage[] =>
  Object.entries(deps).map(([name, version], i, all) => ({ name, version, isLast: i === all.length - 1 }));

export function cdkVersions(): CdkVersions {
  const file = JSON.parse(readFileSync(CDK_VERSIONS_FILE, 'utf8')) as { engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string> };
  return { node: file.engines.node, dependencies: list(file.dependencies), devDependencies: list(file.devDependencies) };
}
