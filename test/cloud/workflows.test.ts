import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from './support/exec.js';
import { CASES, CLOUD_TARGETS } from './support/matrix.js';
import { ROOT } from './support/paths.js';

/**
 * Each target's deploy workflow: action-validator (GitHub's workflow schema, offline) and the OIDC rules of
 * issue 6: an id-token permission, no stored cloud credential, builds and pushes the image, deploys.
 */
const VALIDATOR = join(ROOT, 'node_modules/.bin/action-validator');
const LONG_LIVED = /aws-access-key-id|aws-secret-access-key|credentials_json|AZURE_CREDENTIALS|creds:|KUBECONFIG|kubeconfig:/;

describe.each(CASES)('deploy workflows, $label', (c) => {
  it.each(CLOUD_TARGETS)('deploy-%s.yml passes action-validator', (target) => {
    const file = join(c.dir, '.github/workflows', `deploy-${target}.yml`);
    const r = run(VALIDATOR, [file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it.each(CLOUD_TARGETS)('deploy-%s.yml uses OIDC: id-token permission, no long-lived keys, build, push, migrate, deploy', (target) => {
    const text = readFileSync(join(c.dir, '.github/workflows', `deploy-${target}.yml`), 'utf8');
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
    expect(all).toMatch(/terraform apply|gcloud run deploy|containerapp update|helm upgrade/);
    for (const s of job.steps) if (s.uses) expect(s.uses, 'actions pinned to a version').toMatch(/@v\d+/);
  });
});
