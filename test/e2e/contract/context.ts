/** State shared by all probes of one run. */
import type { ResolvedConfig } from '../../../src/config/types.js';
import type { HttpClient } from './client.js';
import type { Fixtures } from './fixtures.js';
import type { Recorder } from './report.js';
import type { ContractOptions } from './types.js';

export interface User {
  readonly email: string;
  readonly password: string;
  token?: string;
}

export interface Context {
  readonly options: ContractOptions;
  readonly config: ResolvedConfig;
  readonly client: HttpClient;
  readonly rec: Recorder;
  readonly fixtures: Fixtures;
  /** Lower-case letters unique to this run: keeps string values apart from earlier runs on the same database. */
  readonly tag: string;
  /** Signed up with `auth: jwt`; `userA` owns every row the probes create, `userB` is the stranger. */
  userA?: User;
  userB?: User;
}

export const jwt = (ctx: Context): boolean => ctx.config.auth === 'jwt';
