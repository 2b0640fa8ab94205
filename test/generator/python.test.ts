import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finish, gather, withDefaults, type Answers } from '../../src/config/resolve.js';
import { generate } from '../../src/generator/generate.js';
import { loadPack } from '../../src/generator/packs.js';
import { loadStack } from '../../src/stacks/index.js';

/** Python-specific generation: what the rendered modules say about defaults and names. */
const ROOT = resolve(import.meta.dirname, '../..');
const stack = await loadStack('python');

function render(entities: Answers['entities'], auth: 'none' | 'jwt' = 'none') {
  const gathered = gather({});
  const { config, problems } = finish(withDefaults({ name: 'py', stack: 'python', database: 'sqlite', auth, cloud: [], entities }), gathered, {});
  expect(problems).toEqual([]);
  const { tree } = generate({ config: config!, stack, packs: stack.packs.map((p) => loadPack(join(ROOT, 'templates', p))), generatorVersion: '0.0.0-test' });
  return (path: string) => {
    const file = tree.get(path);
    if (!file) throw new Error(`${path} not generated; have ${tree.paths().join(', ')}`);
    return file.toString('utf8');
  };
}

describe('python: a required field with a default (SPEC 5)', () => {
  const file = render({ Counter: { fields: { label: 'string!', count: { type: 'integer', required: true, default: 3 } } } });

  it('may be left out of a POST: the create schema gives it its default, and refuses null', () => {
    const schema = file('src/app/schemas/counter.py');
    const create = /class CounterCreate\(InputModel\):\n([\s\S]*?)\n\n/.exec(schema)![1];
    expect(create).toMatch(/^ {4}count: int = Field\(default=3, alias="count"/m);
    expect(create).toMatch(/^ {4}label: str = Field\(alias="label"/m);
  });

  it('is not among the fields the generated tests expect a 400 for, and its default is asserted', () => {
    const test = file('tests/test_counter.py');
    expect(test).toContain('REQUIRED: tuple[str, ...] = ("label",)');
    expect(test).toContain('assert body["count"] == 3');
  });
});

describe('python: keyword names', () => {
  const file = render(
    {
      User: { fields: { class: 'string!', date: 'date', modelConfig: 'integer' } },
      Class: { fields: { from: 'string' }, relations: { user: { kind: 'many-to-one', to: 'User' } } },
    },
    'jwt',
  );

  it('maps attributes, keeps the wire name as alias', () => {
    const schema = file('src/app/schemas/user.py');
    expect(schema).toContain('class_: str = Field(alias="class"');
    expect(schema).toContain('date_: DateIn | None = Field(default=None, alias="date")');
    expect(schema).toMatch(/model_config_: int \| None = Field\(\s+default=None, alias="modelConfig"/);
  });

  it('puts an entity named like a keyword in a module Python can import', () => {
    expect(file('src/app/routes/__init__.py')).toContain('from app.routes import auth, class_, health, user');
    expect(file('src/app/schemas/class_.py')).toContain('class ClassCreate(InputModel):');
    expect(file('tests/test_class_.py')).toContain('PATH = "/api/classes"');
  });

  it('keeps the accounts apart from an entity User: class AuthAccount, table auth_accounts', () => {
    const models = file('src/app/models.py');
    expect(models).toContain('class AuthAccount(Base):');
    expect(models).toContain('__tablename__ = "auth_accounts"');
    expect(models).toMatch(/class User\(Base\):\n {4}__tablename__ = "users"/);
    expect(file('src/app/deps.py')).not.toMatch(/models\.User\b/);
  });
});

describe('backend.yaml keeps every default (the contract and a regeneration read it)', () => {
  it('keeps default: false, which equals the omitted flags but is a value', () => {
    const file = render({ Flag: { fields: { on: { type: 'boolean', required: true, default: false } } } });
    expect(file('backend.yaml')).toMatch(/ {6}on:\n {8}type: boolean\n {8}required: true\n {8}default: false\n/);
  });
});

describe('python: issue 13 settings are documented where they are read', () => {
  const SHARED = ['TRUSTED_PROXIES', 'API_DOCS'];
  const AUTH = ['JWT_ISSUER', 'JWT_AUDIENCE', 'LOGIN_MAX_FAILURES'];
  const settingNames = (config: string) =>
    [...config.matchAll(/^ {4}([a-z_]+): [^=\n]+(?:=|$)/gm)].map((m) => m[1].toUpperCase());

  it.each([['jwt', [...SHARED, ...AUTH]], ['none', SHARED]] as const)('auth %s: .env.example and the README list each setting the config reads', (auth, expected) => {
    const file = render({ Pet: { fields: { name: 'string!' } } }, auth);
    const names = settingNames(file('src/app/config.py'));
    expect(names).toEqual(expect.arrayContaining([...expected]));
    for (const name of names.filter((n) => n !== 'HOST')) {
      expect(file('.env.example'), name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(file('README.md'), name).toContain(`| \`${name}\` |`);
    }
    if (auth === 'none') for (const name of AUTH) expect(file('.env.example')).not.toContain(name);
    expect(file('README.md')).toContain('## Security');
  });

  it('defaults the token issuer and audience to the project name', () => {
    const env = render({ Pet: { fields: { name: 'string!' } } }, 'jwt')('.env.example');
    expect(env).toContain('JWT_ISSUER=py\n');
    expect(env).toContain('JWT_AUDIENCE=py-api\n');
  });
});
