import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STACKS, type DatabaseId, type StackId } from '../../../src/config/options.js';
import { STACK_DATABASES } from '../../../src/stacks/capabilities.js';
import { AVAILABLE_STACKS } from '../../../src/stacks/index.js';
import { PROJECTS, ROOT } from './paths.js';

/**
 * The cloud matrix, derived from the CLI's own tables (never a second hand-kept list): every stack the CLI can
 * generate (capability table, a descriptor and a template pack) × each SQL server database it supports. Each
 * project is rendered once with all four cloud targets; JWT auth alternates so both secret sets are covered.
 */
export const CLOUD_TARGETS = ['aws', 'gcp', 'azure', 'kubernetes'] as const;
export type CloudTarget = (typeof CLOUD_TARGETS)[number];
export const SQL_SERVERS: readonly DatabaseId[] = ['postgres', 'mysql'];

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
  SQL_SERVERS.filter((db) => STACK_DATABASES[stack].includes(db)).map((database, i) => {
    const auth = i % 2 === 0 ? 'jwt' : 'none';
    const label = `${stack}-${database}-${auth}`;
    return { stack, database, auth, label, dir: join(PROJECTS, label) } as const;
  }),
);
