/**
 * Creates valid rows, with whatever relation targets they need, so each probe starts from fresh data it owns.
 * Bodies use every field and relation; rows that probes delete or re-point are always created fresh, shared
 * targets only serve as harmless foreign-key values.
 */
import type { EntitySpec, ResolvedConfig } from '../../../src/config/types.js';
import { describe, type HttpClient } from './client.js';
import { collectionPath, entityNamed, isToOne, relationKey } from './model.js';
import { domainSize, validValue } from './values.js';

export type Body = Record<string, unknown>;

export interface Row {
  readonly entity: EntitySpec;
  readonly id: string;
  /** The request body it was created from. */
  readonly sent: Body;
  /** The resource the server returned. */
  readonly resource: Body;
}

export interface BodyOptions {
  readonly seed?: number;
  /** Only required fields and required relations (SPEC: absent optional → null or default). */
  readonly requiredOnly?: boolean;
  /** New relation targets instead of shared ones (for filters by foreign key and delete behaviour). */
  readonly freshTargets?: boolean;
  /** Bearer token to create with (defaults to the client's). */
  readonly token?: string;
  /** Entities being created further up, to leave out optional references that would loop. */
  readonly creating?: readonly string[];
}

export class Fixtures {
  private seed: number;
  private readonly shared = new Map<string, Row>();
  private readonly unsupported = new Map<string, string | undefined>();

  constructor(
    private readonly config: ResolvedConfig,
    private readonly client: HttpClient,
    readonly tag: string,
  ) {
    // Numeric values are spread by the seed; a random start keeps unique numbers apart between runs.
    this.seed = 1000 + Math.floor(Math.random() * 5_000_000);
  }

  nextSeed(): number {
    return this.seed++;
  }

  /** Why rows of `entity` cannot be generated (an unsupported pattern, a required relation cycle), if so. */
  unsupportedReason(entity: EntitySpec, path: readonly string[] = []): string | undefined {
    if (path.includes(entity.name)) return `required relations form a cycle (${[...path, entity.name].join(' → ')})`;
    if (path.length === 0 && this.unsupported.has(entity.name)) return this.unsupported.get(entity.name);
    let reason: string | undefined;
    for (const field of entity.fields) {
      const valid = validValue(field, 1, this.tag);
      if (!valid.ok) reason ??= `field ${field.name}: ${valid.reason}`;
      else if (field.unique && domainSize(field) < 200) reason ??= `field ${field.name} is unique but has only ${domainSize(field)} possible values`;
    }
    for (const relation of entity.relations) {
      if (!isToOne(relation) || !relation.required || reason) continue;
      const inner = this.unsupportedReason(entityNamed(this.config, relation.to), [...path, entity.name]);
      if (inner) reason = `required relation ${relation.name} → ${relation.to}: ${inner}`;
    }
    if (path.length === 0) this.unsupported.set(entity.name, reason);
    return reason;
  }

  /** A valid create body; creates the relation targets it needs. */
  async body(entity: EntitySpec, options: BodyOptions = {}): Promise<Body> {
    const seed = options.seed ?? this.nextSeed();
    const body: Body = {};
    for (const field of entity.fields) {
      if (options.requiredOnly && !field.required) continue;
      const valid = validValue(field, seed, this.tag);
      if (!valid.ok) throw new Error(`setup: no valid value for ${entity.name}.${field.name}: ${valid.reason}`);
      body[field.name] = valid.value;
    }
    const creating = [...(options.creating ?? []), entity.name];
    for (const relation of entity.relations) {
      const required = isToOne(relation) && relation.required;
      if (options.requiredOnly && !required) continue;
      const target = entityNamed(this.config, relation.to);
      const loops = creating.includes(target.name);
      if (!required && (loops || this.unsupportedReason(target))) continue;
      if (loops) throw new Error(`setup: ${entity.name}.${relation.name} is a required relation cycle`);
      const fresh = options.freshTargets || relation.kind === 'one-to-one'; // a one-to-one target is taken once
      const row = fresh
        ? await this.create(target, { token: options.token, creating })
        : await this.sharedRow(target, options.token, creating);
      body[relationKey(relation)] = isToOne(relation) ? row.id : [row.id];
    }
    return body;
  }

  /** POSTs a valid body and requires a 201 with an id; anything else is a setup failure of the calling probe. */
  async create(entity: EntitySpec, options: BodyOptions = {}): Promise<Row> {
    const sent = await this.body(entity, options);
    return this.createFrom(entity, sent, options.token);
  }

  async createFrom(entity: EntitySpec, sent: Body, token?: string): Promise<Row> {
    const res = await this.client.post(collectionPath(entity), sent, { token });
    const resource = res.body as Body | undefined;
    if (res.status !== 201 || !resource || typeof resource.id !== 'string') {
      throw new Error(`setup: creating a ${entity.name} failed: ${describe(res)}`);
    }
    return { entity, id: resource.id, sent, resource };
  }

  /** One row per entity and user, used only as a foreign-key value and never deleted. */
  private async sharedRow(entity: EntitySpec, token: string | undefined, creating: readonly string[]): Promise<Row> {
    const key = `${entity.name}\u0000${token ?? this.client.defaultToken ?? ''}`;
    let row = this.shared.get(key);
    if (!row) {
      row = await this.create(entity, { token, creating });
      this.shared.set(key, row);
    }
    return row;
  }
}
