import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placeholderProblems } from './support/placeholders.js';
import { parseModule, referenceProblems, schemaProblems } from './support/terraform.js';

/** The home-made checkers catch what they claim to catch (so a green run means something). */
const dir = mkdtempSync(join(tmpdir(), 'cb-checkers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BAD = `
variable "region" {
  type = string
}

variable "unused" {
  type = string
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_clas       = "db.t4g.micro"
  publicly_accessible = false
  vpc_security_group_ids = [aws_security_group.missing.id]
  tags = { Region = var.regoin }
}

resource "google_cloud_run_v2_service" "app" {
  name     = "x"
  location = var.region
  template {
    containers {
      image = "x"
      ports {
        containerport = 3000
      }
    }
  }
}
`;

describe('schema-lite, references and the placeholder scan on a broken module', () => {
  it('HCL syntax errors are reported with terraform’s wording', async () => {
    const broken = mkdtempSync(join(dir, 'syntax-'));
    writeFileSync(join(broken, 'main.tf'), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n');
    await expect(parseModule(broken)).rejects.toThrow(/Unclosed configuration block/);
  });

  it('finds unknown and missing arguments at any depth, and unresolved or unused names', async () => {
    writeFileSync(join(dir, 'main.tf'), BAD);
    const mod = await parseModule(dir);
    const aws = schemaProblems(mod, 'aws').problems.join('\n');
    expect(aws).toMatch(/aws_db_instance\.main: unknown argument "instance_clas"/);
    expect(aws).toMatch(/aws_db_instance\.main: missing required "instanceClass"/);
    const google = schemaProblems(mod, 'google').problems.join('\n');
    expect(google).toMatch(/template\[0\]\.containers\[0\]\.ports\[0\]: unknown argument "containerport"/);
    const refs = referenceProblems(mod).join('\n');
    expect(refs).toMatch(/aws_security_group\.missing is not declared/);
    expect(refs).toMatch(/var\.regoin is not declared/);
    expect(refs).toMatch(/variable "unused" is never used/);
  });

  it('the placeholder scan flags TODOs, account ids and fixed regions', () => {
    const scanned = mkdtempSync(join(dir, 'scan-'));
    writeFileSync(join(scanned, 'main.tf'), '# TODO later\nprovider "aws" {\n  region = "eu-west-1"\n}\n# arn:aws:iam::123456789012:root\n');
    const found = placeholderProblems(scanned).join('\n');
    expect(found).toMatch(/unfinished marker/);
    expect(found).toMatch(/AWS region/);
    expect(found).toMatch(/account id/);
  });
});
