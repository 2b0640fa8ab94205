/**
 * Every choice the CLI offers, defined once. Commander choices, prompt choices, the JSON Schema printed by
 * `create-backend schema`, the rules and the test matrix are all derived from these lists.
 */
export const STACKS = ['node', 'python', 'java', 'go', 'ruby'] as const;
export const DATABASES = ['sqlite', 'postgres', 'mysql', 'mongodb'] as const;
export const CLOUDS = ['none', 'aws', 'gcp', 'azure', 'kubernetes'] as const;
export const AUTHS = ['none', 'jwt'] as const;
/** How AWS infrastructure is written: Terraform (every cloud) or the AWS CDK in TypeScript (aws only). */
export const IACS = ['terraform', 'cdk'] as const;
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;
export const FIELD_TYPES = [
  'string', 'text', 'integer', 'bigint', 'number', 'decimal', 'boolean',
  'date', 'datetime', 'uuid', 'email', 'url', 'enum', 'json',
] as const;
export const RELATION_KINDS = ['many-to-one', 'one-to-one', 'many-to-many'] as const;
export const ON_DELETE = ['restrict', 'cascade', 'set-null'] as const;

export type StackId = (typeof STACKS)[number];
export type DatabaseId = (typeof DATABASES)[number];
export type CloudId = (typeof CLOUDS)[number];
export type AuthId = (typeof AUTHS)[number];
export type IacId = (typeof IACS)[number];
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];
export type FieldType = (typeof FIELD_TYPES)[number];
export type RelationKind = (typeof RELATION_KINDS)[number];
export type OnDelete = (typeof ON_DELETE)[number];

export const DEFAULTS = {
  stack: 'node',
  database: 'sqlite',
  cloud: [] as CloudId[],
  auth: 'none',
  iac: 'terraform',
} as const;

/** Default length of a `string` field when the spec gives no maxLength (SPEC 3). */
export const DEFAULT_STRING_MAX = 255;
export const DEFAULT_DECIMAL = { precision: 12, scale: 2 } as const;
