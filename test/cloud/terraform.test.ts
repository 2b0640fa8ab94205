import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './support/exec.js';
import { CASES } from './support/matrix.js';
import { which } from './support/paths.js';
import { placeholderProblems } from './support/placeholders.js';
import { parseModule, referenceProblems, schemaProblems, type Module, type ProviderName } from './support/terraform.js';

/**
 * Every Terraform target of every matrix project: HCL parses, references resolve, the provider schema knows every
 * resource, argument and block (schema-lite), `terraform fmt -check` when a terraform binary is on PATH, and nothing
 * placeholder-like or account-specific is written into infra/.
 */
const TARGETS: ReadonlyArray<{ target: 'aws' | 'gcp' | 'azure'; provider: ProviderName; major: string }> = [
  { target: 'aws', provider: 'aws', major: '~> 6.0' },
  { target: 'gcp', provider: 'google', major: '~> 6.50' },
  { target: 'azure', provider: 'azurerm', major: '~> 4.0' },
];
const TERRAFORM = which('terraform');
if (!TERRAFORM) process.stderr.write('[cloud] terraform not found on PATH: terraform fmt -check is skipped (the HCL parser and schema checks still run)\n');

describe.each(CASES)('terraform, $label', (c) => {
  describe.each(TARGETS)('infra/$target', ({ target, provider, major }) => {
    const dir = join(c.dir, 'infra', target);
    let mod: Module;

    it('every .tf file parses (HashiCorp HCL parser)', async () => {
      mod = await parseModule(dir);
      expect(Object.keys(mod.files).length).toBeGreaterThan(3);
    });

    it('every reference resolves; every variable and local is used', () => {
      expect(referenceProblems(mod)).toEqual([]);
    });

    it(`resources, data sources and arguments exist in the ${provider} provider schema (schema-lite)`, () => {
      const { problems, checked } = schemaProblems(mod, provider);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(5);
    });

    it('pins the provider major the schema was checked against, and a Terraform/OpenTofu version', () => {
      const tf = Object.values(mod.files).flatMap((j) => (j.terraform ?? []) as Array<Record<string, any>>);
      expect(tf.some((t) => /^>= 1\.\d+$/.test(t.required_version))).toBe(true);
      const providers = tf.flatMap((t) => (t.required_providers ?? []) as Array<Record<string, { source: string; version: string }>>);
      expect(providers.find((p) => p[provider])?.[provider].version).toBe(major);
    });

    it.skipIf(!TERRAFORM)('terraform fmt -check', () => {
      const r = run(TERRAFORM!, ['fmt', '-check', '-diff', '-recursive'], { cwd: dir, env: { TF_CLI_CONFIG_FILE: '/dev/null' } });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    });

    it('nothing placeholder-like: no TODO, no changeme, no account ids, no hard-coded regions', () => {
      expect(placeholderProblems(dir)).toEqual([]);
    });
  });
});
