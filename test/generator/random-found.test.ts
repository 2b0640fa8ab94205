import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StackId } from '../../src/config/options.js';
import { finish, gather, withDefaults } from '../../src/config/resolve.js';
import { prepareViewModel } from '../../src/model/view-model.js';
import { renderer } from '../fixtures/render.js';

/**
 * What the generative test found (issue #11 §2), on its smallest models (test/fixtures/random-found.yaml): the
 * generated code these assertions read is what made each project's own tests or type checker fail. The e2e
 * random layer replays the same shapes against real databases.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/random-found.yaml');

function configFor(stack: StackId) {
  const gathered = gather({ config: FIXTURE });
  const { config, problems } = finish(withDefaults({ ...gathered.partial, stack }), gathered, {});
  expect(problems).toEqual([]);
  return config!;
}

async function files(stack: StackId) {
  const tree = (await renderer(stack))(configFor(stack));
  return (path: string) => {
    const file = tree.get(path);
    if (!file) throw new Error(`${path} not generated`);
    return file.toString('utf8');
  };
}

describe('a cycle of optional foreign keys (Employee.department ↔ Department.head)', () => {
  it('the view model marks exactly one key of the cycle as closing it, an optional one', () => {
    const view = prepareViewModel(configFor('node'), '0.0.0-test', null);
    const closing = view.entities.flatMap((e) => e.foreignKeys.filter((r) => r.closesCycle).map((r) => `${e.name}.${r.name}`));
    expect(closing).toEqual(['Employee.department']);
    expect(view.entities.flatMap((e) => e.foreignKeys).filter((r) => r.closesCycle && r.required)).toEqual([]);
  });

  it('python: SQLAlchemy leaves that key out of its table sort (use_alter), and the tests clear it before emptying tables', async () => {
    const file = await files('python');
    const models = file('src/app/models.py');
    expect(models.match(/use_alter=True/g)).toHaveLength(1);
    expect(models).toMatch(/sa\.ForeignKey\("departments\.id", ondelete="RESTRICT", use_alter=True\)/);
    expect(file('tests/conftest.py')).toContain('if (key.column.table is table or key.use_alter) and key.parent.nullable:');
  });

  it('java: the test clean-up clears that key, then deletes each table before the tables it refers to', async () => {
    const support = (await files('java'))('src/test/java/com/example/randomfound/ApiTestSupport.java');
    const statements = [...support.matchAll(/jdbc\.update\("(.*)"\);/g)].map((m) => m[1]!.replace(/\\"/g, ''));
    expect(statements).toEqual(['UPDATE employees SET department_id = NULL', 'DELETE FROM documents', 'DELETE FROM departments', 'DELETE FROM employees']);
  });
});

describe('a required json field refuses null (SPEC 5)', () => {
  it('node: its schema is a JSON value other than null, and only optional ones add null', async () => {
    const schema = (await files('node'))('src/entities/document/schema.ts');
    // Rendered text before the project's formatter runs.
    expect(schema).toMatch(/doc: t\.Json\(\{ default: \{"tags":\["a"\]\} \}\)/);
    expect(schema).toMatch(/extra: Type\.Optional\(t\.Nullable\(t\.Json\(\{ default: \[1,2\] \}\)/);
    expect(schema).not.toContain('Type.Unknown');
  });

  it('python: its input type is JsonIn, which refuses None', async () => {
    const file = await files('python');
    expect(file('src/app/schemas/document.py')).toMatch(/^ {4}doc: JsonIn = Field\(default=DOC_DEFAULT, alias="doc"\)$/m);
    expect(file('src/app/values.py')).toContain('JsonIn = Annotated[JsonValue, AfterValidator(_not_null)]');
  });
});

describe('python: defaults are typed expressions (mypy --strict)', () => {
  it('datetime, date, decimal and json defaults', async () => {
    const schema = (await files('python'))('src/app/schemas/document.py');
    expect(schema).toContain('from datetime import UTC, date, datetime');
    expect(schema).toContain('DOC_DEFAULT: JsonValue = {"tags": ["a"]}');
    expect(schema).toContain('EXTRA_DEFAULT: JsonValue = [1, 2]');
    expect(schema).toContain('default=datetime(2024, 1, 31, 12, 0, tzinfo=UTC), alias="startsAt"');
    expect(schema).toContain('due_on: DateIn | None = Field(default=date(2024, 2, 29), alias="dueOn")');
    expect(schema).toContain('price: PriceDecimal | None = Field(default=Decimal("12.50"), alias="price")');
  });
});
