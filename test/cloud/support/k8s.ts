import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec?: Record<string, any>;
  readonly [key: string]: unknown;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('\n'));
      return d.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** kubernetes-models (and its Gateway API package) validators for an apiVersion/kind, or undefined. */
export async function modelFor(apiVersion: string, kind: string): Promise<(new (o: unknown) => { validate(): void }) | undefined> {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const path = group.endsWith('gateway.networking.k8s.io')
    ? `@kubernetes-models/gateway-api/${group}/${version}`
    : group
      ? `kubernetes-models/${group}/${version}`
      : `kubernetes-models/${version}`;
  try {
    return ((await import(path)) as Record<string, new (o: unknown) => { validate(): void }>)[kind];
  } catch {
    return undefined;
  }
}
