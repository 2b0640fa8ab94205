import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkov, describeFailures, type CheckovFailure } from './support/checkov.js';
import { run } from './support/exec.js';
import { CASES, CDK_CASES } from './support/matrix.js';
import { HELM, HELM_ENV, KUBE_VERSION, cdkDir, venvBin } from './support/paths.js';
import { deploymentOf, renderCase, resolveCase, writeTree } from './support/render.js';
import { synthCdk } from './support/cdk.js';

/**
 * checkov (PyPI, offline with --skip-download) over everything a project deploys with: infra/aws, infra/gcp,
 * infra/azure, the Helm chart rendered with every optional object on, the Dockerfile, and the deploy workflows.
 * Zero failed checks; every skipped check carries its reason in the file (`checkov:skip=ID:reason` next to the
 * resource, `checkov.io/skipN` annotations in the chart). One checkov run per project keeps the layer fast.
 */
describe.each(CASES)('checkov, $label', (c) => {
  it.skipIf(!venvBin('checkov'))('no failed check in infra/, the rendered chart, the Dockerfile and the workflows', () => {
    // Outside .e2e: checkov ignores files below hidden folders for most frameworks.
    const stage = mkdtempSync(join(tmpdir(), `cb-checkov-${c.label}-`));
    mkdirSync(join(stage, 'kubernetes'), { recursive: true });
    for (const t of ['aws', 'gcp', 'azure']) cpSync(join(c.dir, 'infra', t), join(stage, t), { recursive: true });
    cpSync(join(c.dir, 'Dockerfile'), join(stage, 'Dockerfile'));
    cpSync(join(c.dir, '.github'), join(stage, '.github'), { recursive: true });
    const model = deploymentOf(resolveCase(c, ['kubernetes']).config!);
    const chart = join(c.dir, 'infra/kubernetes/chart');
    const rendered = run(HELM, ['template', model.name, chart, '--namespace', model.name, '--kube-version', KUBE_VERSION, '--set', 'httpRoute.enabled=true', '--set', 'httpRoute.parentRefs[0].name=public'], { env: HELM_ENV });
    expect(rendered.code, rendered.stderr).toBe(0);
    writeFileSync(join(stage, 'kubernetes/manifests.yaml'), rendered.stdout);

    const r = checkov(['-d', stage, '--framework', 'terraform', 'kubernetes', 'dockerfile', 'github_actions'])!;
    rmSync(stage, { recursive: true, force: true });
    process.stderr.write(`[cloud] checkov ${c.label}: ${r.passed} passed, ${r.failed.length} failed, ${r.skipped.length} skipped with reasons (${r.ms} ms)\n`);
    expect(r.failed, describeFailures(r)).toEqual([]);
    expect(r.passed).toBeGreaterThan(300);
    for (const s of r.skipped) expect(s.reason.length, `${s.check} on ${s.resource} needs a reason`).toBeGreaterThan(20);
  });
});

/**
 * The AWS CDK flavour (`--iac cdk`): checkov's CloudFormation checks over both synthesized templates (in-process synth,
 * support/cdk.ts) and the CDK deploy workflow. Skips live in each resource's Metadata, set by the app's lib/checkov.ts.
 */
describe.each(CDK_CASES)('checkov, CDK, $label', (c) => {
  it.skipIf(!venvBin('checkov'))('no failed check in the synthesized CloudFormation templates and the CDK deploy workflow', async () => {
    const { files } = await synthCdk(c, { purpose: 'checkov' });
    const stage = mkdtempSync(join(tmpdir(), `cb-checkov-cdk-${c.label}-`));
    mkdirSync(join(stage, 'cloudformation'), { recursive: true });
    for (const file of Object.values(files)) cpSync(file, join(stage, 'cloudformation', file.split('/').pop()!));
    cpSync(join(cdkDir(c), '.github/workflows/deploy-aws.yml'), join(stage, '.github/workflows/deploy-aws.yml'), { recursive: true });
    const r = checkov(['-d', stage, '--framework', 'cloudformation', 'github_actions'])!;
    rmSync(stage, { recursive: true, force: true });
    process.stderr.write(`[cloud] checkov CDK ${c.label}: ${r.passed} passed, ${r.failed.length} failed, ${r.skipped.length} skipped with reasons (${r.ms} ms)\n`);
    expect(r.failed, describeFailures(r)).toEqual([]);
    expect(r.passed).toBeGreaterThan(150);
    for (const s of r.skipped) expect(s.reason.length, `${s.check} on ${s.resource} needs a reason`).toBeGreaterThan(20);
  });
});

/**
 * Secret scanning reads names and values as text, so whether it flags a line can depend on the project name
 * (CKV_SECRET_6 failed for `clinic`): the infrastructure of every case passes it under several names. One
 * checkov run with the secrets framework alone covers them all: the terraform checks have run on every case
 * above, and repeating them per name tripled this test's time. The secrets framework reports findings only,
 * so a planted key proves the .tf files were read: without it an empty scan would pass.
 */
// The name that failed, the shortest and a long one with dashes.
const NAMES = ['clinic', 'a1', 'inventory-service-eu'];
const CANARY = { file: 'canary/main.tf', text: 'locals {\n  access_key = "AKIA2E0A8F3B244C9986"\n}\n' };
describe('checkov secret scan', () => {
  it.skipIf(!venvBin('checkov'))(`no hard-coded secret found in infra/ of any stack and database, under the names ${NAMES.join(', ')}`, async () => {
    const stage = mkdtempSync(join(tmpdir(), 'cb-checkov-secrets-'));
    for (const name of NAMES) {
      for (const c of CASES) {
        const dir = join(stage, 'projects', name, c.label);
        writeTree((await renderCase(c, ['aws', 'gcp', 'azure', 'kubernetes'], 'terraform', name)).tree, dir);
        for (const t of ['aws', 'gcp', 'azure']) cpSync(join(dir, 'infra', t), join(stage, 'scan', name, c.label, t), { recursive: true });
      }
    }
    mkdirSync(join(stage, 'scan', 'canary'));
    writeFileSync(join(stage, 'scan', CANARY.file), CANARY.text);
    const r = checkov(['-d', join(stage, 'scan'), '--framework', 'secrets'])!;
    rmSync(stage, { recursive: true, force: true });
    process.stderr.write(`[cloud] checkov secrets, ${NAMES.length} names × ${CASES.length} cases: ${r.failed.length} found (the planted one expected) (${r.ms} ms)\n`);
    const isCanary = (f: CheckovFailure) => f.file.endsWith(CANARY.file);
    expect(r.failed.some(isCanary), 'the planted key was not found: did the secrets framework read the .tf files?').toBe(true);
    const found = r.failed.filter((f) => !isCanary(f));
    expect(found, describeFailures({ ...r, failed: found })).toEqual([]);
  });
});
