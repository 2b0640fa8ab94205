import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASES, STACKS, type DatabaseId, type StackId } from '../../../src/config/options.js';
import { STACK_DATABASES } from '../../../src/stacks/capabilities.js';
import { AVAILABLE_STACKS } from '../../../src/stacks/index.js';
import { PROJECTS, ROOT } from './paths.js';
import { resolveCase } from './render.js';

/**
 * The cloud matrix, derived from the CLI's own tables (never a second hand-kept list): every stack the CLI can
 * generate (capability table, a descriptor and a template pack) × each database server it supports (SQL and
 * MongoDB; SQLite has no cloud target). Each project is rendered once with all four cloud targets; JWT auth
 * alternates so both secret sets are covered.
 */
export const CLOUD_TARGETS = ['aws', 'gcp', 'azure', 'kubernetes'] as const;
export type CloudTarget = (typeof CLOUD_TARGETS)[number];
export const SQL_SERVERS: readonly DatabaseId[] = ['postgres', 'mysql'];
export const SERVER_DATABASES: readonly DatabaseId[] = DATABASES.filter((d) => d !== 'sqlite');

export interface Case {
  readonly stack: StackId;
  readonly database: DatabaseId;
  readonly auth: 'jwt' | 'none';
  readonly label: string;
  readonly dir: string;
}

const hasPack = (stack: StackId) => existsSync(join(ROOT, 'templates', stack, 'pack.json'));
export const READY_STACKS = STACKS.filter((s) => STACK_DATABASES[s].length > 0 && AVAILABLE_STACKS.includes(s) && hasPack(s));

export const CASES: readonly Case[] = READY_STACKS.flatMap((stack) =>
  SERVER_DATABASES.filter((db) => STACK_DATABASES[stack].includes(db)).map((database, i) => {
    const auth = i % 2 === 0 ? 'jwt' : 'none';
    const label = `${stack}-${database}-${auth}`;
    return { stack, database, auth, label, dir: join(PROJECTS, label) } as const;
  }),
);

/**
 * The cases the AWS CDK flavour renders: those whose choices the CLI accepts with `iac: cdk` (rule
 * cloud-supports-database keeps MongoDB on AWS to Terraform), judged by the CLI's own rules.
 */
export const CDK_CASES: readonly Case[] = CASES.filter((c) => resolveCase(c, ['aws'], 'cdk').config !== undefined);
