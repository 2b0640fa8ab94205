import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from './support/exec.js';
import { CASES, CDK_CASES, CLOUD_TARGETS } from './support/matrix.js';
import { ROOT, cdkDir } from './support/paths.js';

/**
 * Each target's deploy workflow: action-validator (GitHub's workflow schema, offline) and the OIDC rules of
 * issue 6: an id-token permission, no stored cloud credential, builds and pushes the image, deploys. Both flavours of
 * deploy-aws.yml (Terraform and CDK).
 */
const VALIDATOR = join(ROOT, 'node_modules/.bin/action-validator');
const LONG_LIVED = /aws-access-key-id|aws-secret-access-key|credentials_json|AZURE_CREDENTIALS|creds:|KUBECONFIG|kubeconfig:/;

function validates(file: string): void {
  const r = run(VALIDATOR, [file]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

function usesOidcAndDeploys(file: string): void {
  const text = readFileSync(file, 'utf8');
  const wf = parseYaml(text) as { permissions: Record<string, string>; jobs: Record<string, { steps: Array<{ run?: string; uses?: string; with?: Record<string, unknown> }>; environment?: string }> };
  expect(wf.permissions['id-token']).toBe('write');
  expect(wf.permissions.contents).toBe('read');
  expect(text).not.toMatch(LONG_LIVED);
  for (const [, name] of text.matchAll(/secrets\.([A-Z_]+)/g)) expect(name, 'only the job token').toBe('GITHUB_TOKEN');
  const job = Object.values(wf.jobs)[0];
  expect(job.environment).toBe('production');
  const all = job.steps.map((s) => `${s.uses ?? ''} ${s.run ?? ''} ${s.with ? JSON.stringify(s.with) : ''}`).join('\n');
  expect(all).toMatch(/docker build|build-push-action/);
  expect(all).toMatch(/docker push|"push":true/);
  expect(all).toMatch(/migrat|helm upgrade/);
  expect(all).toMatch(/terraform apply|cdk deploy|gcloud run deploy|containerapp update|helm upgrade/);
  for (const s of job.steps) if (s.uses) expect(s.uses, 'actions pinned to a version').toMatch(/@v\d+/);
}

describe.each(CASES)('deploy workflows, $label', (c) => {
  const file = (target: string) => join(c.dir, '.github/workflows', `deploy-${target}.yml`);
  it.each(CLOUD_TARGETS)('deploy-%s.yml passes action-validator', (target) => validates(file(target)));
  it.each(CLOUD_TARGETS)('deploy-%s.yml uses OIDC: id-token permission, no long-lived keys, build, push, migrate, deploy', (target) => usesOidcAndDeploys(file(target)));
});

/** The AWS CDK flavour's deploy-aws.yml: the same rules, plus the order of a release (foundation, image, migrations, service). */
describe.each(CDK_CASES)('deploy workflow of the CDK flavour, $label', (c) => {
  const file = join(cdkDir(c), '.github/workflows/deploy-aws.yml');
  it('passes action-validator', () => validates(file));
  it('uses OIDC: id-token permission, no long-lived keys, build, push, migrate, deploy', () => usesOidcAndDeploys(file));

  it('deploys the foundation, pushes the image, runs the migrations task, then deploys the service with the same tag', () => {
    const wf = parseYaml(readFileSync(file, 'utf8')) as { jobs: { deploy: { env: Record<string, string>; steps: Array<{ name?: string; run?: string }> } } };
    const runs = wf.jobs.deploy.steps.map((s) => s.run ?? '');
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    const order = [at(/npm run typecheck && npm test/), at(/cdk deploy Foundation /), at(/docker push/), at(/aws ecs run-task/), at(/cdk deploy Service --exclusively /)];
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const r of runs.filter((x) => x.includes('cdk deploy'))) expect(r).toContain('-c "imageTag=$IMAGE_TAG"');
    // The stack names the workflow reads outputs by are the app's (lib/stacks.ts: `${settings.name}-…`).
    const settings = readFileSync(join(cdkDir(c), 'infra/aws/lib/settings.ts'), 'utf8');
    const name = /^  name: '([^']+)'/m.exec(settings)![1];
    expect(wf.jobs.deploy.env).toMatchObject({ FOUNDATION_STACK: `${name}-foundation`, SERVICE_STACK: `${name}-service`, IMAGE_TAG: '${{ github.sha }}' });
  });
});
