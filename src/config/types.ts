import type { AuthId, CloudId, IacId, DatabaseId, FieldType, OnDelete, RelationKind, StackId } from './options.js';

/** A JSON value as it may appear in a spec file (`default` of a json field, for instance). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One field after shorthand expansion and defaults. Optional keys are absent when the spec did not set them. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly default?: JsonValue;
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  /** Always set for `string`, `email` and `url` (defaults applied). */
  readonly maxLength?: number;
  readonly pattern?: string;
  /** Only for `enum`. */
  readonly values?: readonly string[];
  /** Only for `decimal` (defaults applied). */
  readonly precision?: number;
  readonly scale?: number;
  /** The previous name, for `update` (SPEC 7): a rename instead of a drop plus an add. */
  readonly renamedFrom?: string;
}

export interface RelationSpec {
  readonly name: string;
  readonly kind: RelationKind;
  /** Name of the target entity (PascalCase). */
  readonly to: string;
  /** Only meaningful for many-to-one / one-to-one: the foreign key is NOT NULL. */
  readonly required: boolean;
  readonly onDelete: OnDelete;
}

export interface EntitySpec {
  readonly name: string;
  /** With `auth: jwt`: rows belong to the user who created them. */
  readonly owned: boolean;
  readonly fields: readonly FieldSpec[];
  readonly relations: readonly RelationSpec[];
  /** The previous name, for `update` (SPEC 7): the table is renamed, its rows kept. */
  readonly renamedFrom?: string;
}

/** The fully resolved, validated and frozen configuration: every value present, nothing left to default. */
export interface ResolvedConfig {
  readonly name: string;
  readonly stack: StackId;
  readonly database: DatabaseId;
  /** Empty when the target is `none`. */
  readonly cloud: readonly CloudId[];
  readonly auth: AuthId;
  /** How infra/aws is written (`cdk` only together with the aws target; `terraform` otherwise). */
  readonly iac: IacId;
  readonly entities: readonly EntitySpec[];
  /** Only with the java stack: the package of the generated sources (`com.example.<name>` unless the spec sets it). */
  readonly java?: { readonly package: string };
}
