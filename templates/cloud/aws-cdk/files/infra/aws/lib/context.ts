import type { IConstruct } from 'constructs';

/**
 * Deletion protection of the database and the load balancer: on unless the context says `deletionProtection=false`
 * (deploy once with it to tear everything down, see README.md).
 */
export function deletionProtection(scope: IConstruct): boolean {
  return String(scope.node.tryGetContext('deletionProtection') ?? 'true') !== 'false';
}
