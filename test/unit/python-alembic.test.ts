import { describe, expect, it } from 'vitest';
import { FIELD_TYPES } from '../../src/config/options.js';
import { columnType, ID_TYPE, type SqlDialect } from '../../src/model/sql.js';
import { initialRevision } from '../../src/stacks/python/alembic.js';
import type { SchemaModel, TableModel } from '../../src/update/table-model.js';

/** Python's first Alembic revision (src/stacks/python/alembic.ts): op.* operations from the schema as data. */
const DIALECTS: SqlDialect[] = ['sqlite', 'postgres', 'mysql'];

const table = (dialect: SqlDialect, name: string, columns: TableModel['columns'], extra: Partial<TableModel> = {}): TableModel => ({
  name,
  primaryKey: ['id'],
  columns: [{ name: 'id', type: ID_TYPE[dialect], nullable: false, check: null, fill: null }, ...columns],
  indexes: [],
  foreignKeys: [],
  ...extra,
});

describe('python: the initial Alembic revision', () => {
  it('has a SQLAlchemy type for every column type of every dialect', () => {
    for (const dialect of DIALECTS) {
      const columns = FIELD_TYPES.map((type) => ({
        name: `c_${type}`,
        type: columnType(dialect, { type, maxLength: 80, precision: 10, scale: 2 }),
        nullable: true,
        check: null,
        fill: null,
      }));
      const schema: SchemaModel = { dialect, tables: [table(dialect, 't', columns)] };
      const body = initialRevision(schema).upgrade.join('\n');
      expect(body.match(/sa\.Column\(/g)).toHaveLength(FIELD_TYPES.length + 1);
    }
    const pg = initialRevision({ dialect: 'postgres', tables: [table('postgres', 't', [{ name: 'at', type: 'timestamptz(3)', nullable: false, check: null, fill: null }])] });
    expect(pg.upgrade[0]).toContain('sa.Column("at", postgresql.TIMESTAMP(timezone=True, precision=3), nullable=False)');
    expect(pg.dialectModules).toEqual(['postgresql']);
  });

  it('refuses a column type it has no SQLAlchemy type for, naming it', () => {
    const schema: SchemaModel = { dialect: 'mysql', tables: [table('mysql', 't', [{ name: 'x', type: 'GEOMETRY', nullable: true, check: null, fill: null }])] };
    expect(() => initialRevision(schema)).toThrow('no SQLAlchemy type for the mysql column type GEOMETRY');
  });

  it("writes an enum's CHECK inside its column, quoted for the dialect, with colons escaped from text()'s bind syntax", () => {
    const schema: SchemaModel = { dialect: 'mysql', tables: [table('mysql', 't', [{ name: 'order', type: 'VARCHAR(255)', nullable: true, check: ['a:b', "it's"], fill: null }])] };
    expect(initialRevision(schema).upgrade[0]).toContain(`sa.CheckConstraint("\`order\` IN ('a\\\\:b', 'it''s')")`);
  });

  it('adds foreign keys after every table on PostgreSQL and MySQL, inline on SQLite, and drops them first on downgrade', () => {
    const fk = { name: 'fk_a_b_id', column: 'b_id', target: 'b', onDelete: 'CASCADE' };
    const tables = (dialect: SqlDialect): SchemaModel => ({
      dialect,
      tables: [table(dialect, 'a', [{ name: 'b_id', type: ID_TYPE[dialect], nullable: false, check: null, fill: null }], { foreignKeys: [fk] }), table(dialect, 'b', [])],
    });
    const pg = initialRevision(tables('postgres'));
    expect(pg.upgrade.at(-1)).toBe('    op.create_foreign_key("fk_a_b_id", "a", "b", ["b_id"], ["id"], ondelete="CASCADE")');
    expect(pg.downgrade).toEqual(['    op.drop_constraint("fk_a_b_id", "a", type_="foreignkey")', '    op.drop_table("b")', '    op.drop_table("a")']);
    const sqlite = initialRevision(tables('sqlite'));
    expect(sqlite.upgrade[0]).toContain('sa.ForeignKeyConstraint(["b_id"], ["b.id"], name="fk_a_b_id", ondelete="CASCADE")');
    expect(sqlite.downgrade).toEqual(['    op.drop_table("b")', '    op.drop_table("a")']);
  });
});
