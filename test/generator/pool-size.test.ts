import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, render } from './support.js';

/**
 * Issue 13: each stack's connection pool per database is what README's security table promises. The numbers are
 * read from that row, so the README and the generated code cannot drift apart.
 */
const row = /^\| connection pool \| (.+) \| *\|$/m.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1] ?? '';
const server = Number(/PostgreSQL and MySQL: (\d+) connections per process on every stack/.exec(row)?.[1]);
const sqlite = Number(/SQLite: (\d+) connection on node, java, go and ruby/.exec(row)?.[1]);
const pythonSqlite = /SQLAlchemy's default on python \((\d+), overflow (\d+)/.exec(row);

const model = (stack: 'node' | 'python' | 'java' | 'go' | 'ruby', database: 'sqlite' | 'postgres' | 'mysql') =>
  render({ name: 'clinic', stack, database, auth: 'jwt', entities: { Pet: { fields: { name: 'string!' } } } });

describe('connection pool sizes, as README says', () => {
  it('the README row names them', () => {
    expect(server).toBeGreaterThan(0);
    expect(sqlite).toBe(1);
    expect(pythonSqlite?.slice(1)).toEqual(['5', '10']);
  });

  it.each(['postgres', 'mysql'] as const)('node on %s: POOL_SIZE connections, the constant the tests exhaust', async (database) => {
    const code = (await model('node', database)).get('src/db/database.ts')!.toString();
    expect(code).toContain(`export const POOL_SIZE = ${server};`);
    expect(code).toContain(database === 'postgres' ? 'max: POOL_SIZE,' : 'connectionLimit: POOL_SIZE,');
  });

  it('node on sqlite: one better-sqlite3 connection', async () => {
    const code = (await model('node', 'sqlite')).get('src/db/database.ts')!.toString();
    expect(code).toContain(`export const POOL_SIZE = ${sqlite};`);
    expect(code.match(/new SQLite\(/g)).toHaveLength(1);
  });

  it.each(['sqlite', 'postgres', 'mysql'] as const)('python on %s', async (database) => {
    const code = (await model('python', database)).get('src/app/db.py')!.toString();
    expect(code).toContain(`POOL_SIZE = ${server}\n`);
    expect(code).toContain('"pool_size": POOL_SIZE,\n        "max_overflow": 0,\n');
    // SQLite replaces those arguments, keeping SQLAlchemy's QueuePool defaults (5, overflow 10).
    expect(code).toMatch(/if parsed\.get_backend_name\(\) == "sqlite":\n {8}kwargs = \{"connect_args": [^\n]*\}\n/);
  });

  it.each(['sqlite', 'postgres', 'mysql'] as const)('java on %s', async (database) => {
    const tree = await model('java', database);
    const path = tree.paths().find((p) => p.endsWith('/config/DataSourceConfig.java'))!;
    const code = tree.get(path)!.toString();
    expect(code).toContain(`static final int POOL_SIZE = ${server};`);
    expect(code).toContain(`dataSource.setMaximumPoolSize(url.isSqlite() ? ${sqlite} : POOL_SIZE);`);
  });

  it.each(['postgres', 'mysql'] as const)('go on %s: maxConns open and idle', async (database) => {
    const tree = await model('go', database);
    const code = tree.get('internal/database/database.go')!.toString();
    expect(code).toMatch(new RegExp(`\\bmaxConns\\s+= ${server}\\n`));
    // database/sql's pool on MySQL, pgx's own on PostgreSQL.
    if (database === 'mysql') expect(code).toContain('db.SetMaxOpenConns(maxConns)');
    else expect(tree.get('internal/database/postgres.go')!.toString()).toContain('cfg.MaxConns = maxConns');
  });

  it('go on sqlite: one connection', async () => {
    const code = (await model('go', 'sqlite')).get('internal/database/sqlite.go')!.toString();
    expect(code).toContain(`db.SetMaxOpenConns(${sqlite})`);
  });

  it.each(['sqlite', 'postgres', 'mysql'] as const)('ruby on %s: the Sequel pool', async (database) => {
    const code = (await model('ruby', database)).get('lib/clinic/database.rb')!.toString();
    expect(code).toContain(`POOL = ${database === 'sqlite' ? sqlite : server}\n`);
    expect(code).toContain('def self.connect(url, max_connections: POOL)');
  });
});
