import { describe, expect, it } from 'vitest';
import { CLOUDS } from '../../src/config/options.js';
import { AVAILABLE_CLOUDS } from '../../src/config/rules.js';
import { CASES, CDK_CASES, CLOUD_TARGETS } from './support/matrix.js';
import { STACK_DATABASES } from '../../src/stacks/capabilities.js';
import { renderCase, resolveCase } from './support/render.js';

/** The cloud rules of src/config/rules.ts, and each target rendered alone (the CLI layers one pack per target). */
describe('cloud rules', () => {
  it('every cloud target the CLI lists is available', () => {
    expect([...AVAILABLE_CLOUDS].sort()).toEqual(CLOUDS.filter((c) => c !== 'none').sort());
  });

  it.each(CLOUD_TARGETS)('%s with SQLite is rejected: cloud-needs-server-database, hint naming the server databases', (target) => {
    const { config, problems } = resolveCase({ stack: 'node', database: 'sqlite', auth: 'none' }, [target]);
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ rule: 'cloud-needs-server-database', path: 'database', hint: 'use --database postgres, mysql or mongodb' })]);
  });

  it('several targets with SQLite give one problem naming them all', () => {
    const { problems } = resolveCase({ stack: 'node', database: 'sqlite', auth: 'none' }, ['aws', 'kubernetes']);
    expect(problems).toHaveLength(1);
    expect((problems[0] as { message: string }).message).toMatch(/aws, kubernetes/);
  });

  it('iac cdk without the aws target is rejected: iac-needs-aws, hint naming --cloud aws', () => {
    const { config, problems } = resolveCase({ stack: 'node', database: 'postgres', auth: 'none' }, ['gcp'], 'cdk');
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ rule: 'iac-needs-aws', path: 'iac', hint: expect.stringContaining('--cloud aws') })]);
  });

  const mongoStacks = CASES.filter((c) => c.database === 'mongodb').map((c) => c.stack);
  it.each(mongoStacks)('%s with MongoDB is accepted on every target at once (Terraform for AWS)', (stack) => {
    expect(resolveCase({ stack, database: 'mongodb', auth: 'jwt' }, CLOUD_TARGETS).problems).toEqual([]);
  });

  it('MongoDB on AWS as a CDK app is rejected: cloud-supports-database, hint naming Terraform', () => {
    const stack = (Object.keys(STACK_DATABASES) as Array<keyof typeof STACK_DATABASES>).find((s) => STACK_DATABASES[s].includes('mongodb'))!;
    const { config, problems } = resolveCase({ stack, database: 'mongodb', auth: 'none' }, ['aws', 'gcp'], 'cdk');
    expect(config).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ rule: 'cloud-supports-database', path: 'iac', hint: expect.stringContaining('Terraform') })]);
  });

  it('SQLite without a cloud target stays valid', () => {
    expect(resolveCase({ stack: 'node', database: 'sqlite', auth: 'none' }, []).problems).toEqual([]);
  });
});

describe.each(CASES)('each target alone, $label', (c) => {
  it.each(CLOUD_TARGETS)('%s renders its files, with no template syntax left', async (target) => {
    const { tree } = await renderCase(c, [target]);
    const own = tree.paths().filter((p) => p.startsWith(`infra/${target}/`) || p === `.github/workflows/deploy-${target}.yml` || (target === 'azure' && p === 'azure.yaml'));
    expect(own).toContain(`infra/${target}/README.md`);
    expect(own).toContain(`.github/workflows/deploy-${target}.yml`);
    for (const other of CLOUD_TARGETS.filter((t) => t !== target)) expect(tree.paths().some((p) => p.startsWith(`infra/${other}/`)), other).toBe(false);
    for (const p of own) {
      const text = tree.get(p)!.toString('utf8');
      // Helm's own templates and GitHub's ${{ }} expressions are meant to stay; Handlebars leftovers are not.
      if (!p.includes('/chart/templates/')) expect(text.replace(/\$\{\{[^}]*\}\}/g, ''), p).not.toMatch(/\{\{|\}\}/);
    }
  });

  if (CDK_CASES.includes(c)) it('aws with iac cdk renders the CDK app instead of the Terraform files, with no template syntax left', async () => {
    const { tree } = await renderCase(c, ['aws'], 'cdk');
    const own = tree.paths().filter((p) => p.startsWith('infra/'));
    expect(own.every((p) => p.startsWith('infra/aws/'))).toBe(true);
    expect(own.filter((p) => p.endsWith('.tf'))).toEqual([]);
    expect(own).toEqual(expect.arrayContaining(['infra/aws/README.md', 'infra/aws/cdk.json', 'infra/aws/package.json', 'infra/aws/bin/app.ts', 'infra/aws/lib/settings.ts', 'infra/aws/test/stacks.test.ts']));
    const workflow = tree.get('.github/workflows/deploy-aws.yml')!.toString('utf8');
    expect(workflow).toContain('cdk deploy');
    expect(workflow).not.toContain('terraform');
    for (const p of [...own, '.github/workflows/deploy-aws.yml']) expect(tree.get(p)!.toString('utf8').replace(/\$\{\{[^}]*\}\}/g, ''), p).not.toMatch(/\{\{|\}\}/);
    expect(tree.get('backend.yaml')!.toString('utf8')).toMatch(/^iac: cdk$/m);
  });

  it('the same input renders byte-identical cloud files (both AWS flavours)', async () => {
    const a = await renderCase(c, CLOUD_TARGETS);
    const b = await renderCase(c, CLOUD_TARGETS);
    expect(a.tree.entries().map(([p, x]) => [p, x.toString('base64')])).toEqual(b.tree.entries().map(([p, x]) => [p, x.toString('base64')]));
    if (!CDK_CASES.includes(c)) return;
    const cdkA = await renderCase(c, CLOUD_TARGETS, 'cdk');
    const cdkB = await renderCase(c, CLOUD_TARGETS, 'cdk');
    expect(cdkA.tree.entries().map(([p, x]) => [p, x.toString('base64')])).toEqual(cdkB.tree.entries().map(([p, x]) => [p, x.toString('base64')]));
  });
});
