import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finish, gather, withDefaults } from '../../src/config/resolve.js';
import type { SqlDialect } from '../../src/model/sql.js';
import { prepareViewModel, type ViewModel } from '../../src/model/view-model.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { schemaModel, type SchemaModel } from '../../src/update/table-model.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-update-model-'));
let n = 0;

/** The table model of a spec (YAML text) for one dialect, through the same resolution the CLI uses. */
export function modelOf(yaml: string, dialect: SqlDialect): SchemaModel {
  const { vm } = resolve(yaml, dialect);
  return schemaModel(dialect, vm.entities, vm.auth.jwt);
}

export function resolve(yaml: string, dialect: SqlDialect): { config: ResolvedConfig; vm: ViewModel } {
  const file = join(dir, `spec${n++}.yaml`);
  writeFileSync(file, `name: shop\ndatabase: ${dialect}\n${yaml}`);
  const gathered = gather({ config: file });
  const { config, problems } = finish(withDefaults(gathered.partial), gathered, {});
  if (!config || problems.length > 0) throw new Error(`spec does not resolve: ${JSON.stringify(problems)}`);
  return { config, vm: prepareViewModel(config, '0.0.0', null) };
}

/**
 * v1 and v2 of a small shop covering the change kinds of SPEC 7 (renames are passed as options). The enum
 * column renamed (owners.kind → sort) and the enum in the renamed table (toys → playthings) check that a CHECK
 * constraint named after its table and column (PostgreSQL's `<table>_<column>_check`, MariaDB's `<column>`)
 * is renamed with them, as a fresh table names it.
 */
export const V1 = `entities:
  Owner:
    fields:
      name: string!
      kind: { type: enum, values: [person, company] }
  Pet:
    fields:
      name: string!
      age: integer
      species: { type: enum, values: [cat, dog] }
      note: text
    relations:
      owner: { kind: many-to-one, to: Owner, onDelete: restrict }
  Toy:
    fields:
      label: { type: string, unique: true }
      size: { type: enum, values: [small, large] }
`;

export const V2 = `entities:
  Owner:
    fields:
      name: string!
      sort: { type: enum, values: [person, company] }
      phone: string
  Pet:
    fields:
      fullName: string!
      age: { type: integer, required: true, default: 1 }
      species: { type: enum, values: [cat, dog, bird] }
      note: { type: text, index: true }
      nickname: { type: string, required: true, default: pal }
      tag: { type: string, unique: true }
    relations:
      owner: { kind: many-to-one, to: Owner, onDelete: cascade }
      vets: { kind: many-to-many, to: Vet }
  Vet:
    fields:
      name: string!
    relations:
      clinic: { kind: many-to-one, to: Owner }
  Plaything:
    renamedFrom: Toy
    fields:
      label: { type: string, unique: true }
      size: { type: enum, values: [small, large] }
`;

export const V1_TO_V2_RENAMES = { tables: { playthings: 'toys' }, columns: { 'pets.full_name': 'name', 'owners.sort': 'kind' } };
