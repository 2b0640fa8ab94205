import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finish, gather, withDefaults, type Answers, type CliInput } from '../../src/config/resolve.js';
import { AVAILABLE_CLOUDS, checkRules, RULES } from '../../src/config/rules.js';
import { CLOUDS, DATABASES, STACKS, offered } from '../../src/config/options.js';
import { STACK_DATABASES, isStackAvailable } from '../../src/stacks/capabilities.js';
import type { Problem } from '../../src/config/problems.js';
import { KEYWORDS } from '../../src/config/reserved.js';
import { KEYWORD_ENTITIES, keywordFieldNames, writeKeywordSpec } from '../fixtures/keywords.js';
import { names } from '../../src/config/naming.js';

/**
 * One table row per rule id: a minimal spec that breaks exactly that rule, the dotted path the problem must
 * name, and a pattern the hint must match (the hint names the fix, not just the fault). Specs go through the
 * same path as `create-backend validate`: YAML with positions, structure, expansion, rules.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'cb-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

export function validateText(text: string, flags: CliInput = {}, ext = 'yaml'): Problem[] {
  const file = join(tmp, `spec-${counter++}.${ext}`);
  writeFileSync(file, text);
  const gathered = gather({ ...flags, config: file });
  const problems = [...gathered.problems];
  if (!problems.some((p) => p.rule === 'spec-syntax' || p.rule === 'config-file')) {
    problems.push(...finish(withDefaults(gathered.partial), gathered, flags).problems);
  }
  return problems;
}

/** A valid spec around the given entities block (indented by the caller as YAML under `entities:`). */
const spec = (entities: string, head = 'name: t\nstack: node\ndatabase: sqlite\n') => `${head}entities:\n${entities}`;
const PET = '  Pet:\n    fields:\n      name: string!\n';
const RULE_SOURCES = ['src/config/rules.ts', 'src/config/normalize.ts', 'src/config/structure.ts'].map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n');
/** A cloud target this version does not generate yet, if any is left (rows depend on the capability lists, not on a copy). */
const UNAVAILABLE_CLOUD = CLOUDS.find((c) => c !== 'none' && !AVAILABLE_CLOUDS.includes(c));
const UNAVAILABLE_STACK = STACKS.find((s) => !isStackAvailable(s));

interface Case {
  readonly rule: string;
  readonly title: string;
  readonly text: string;
  readonly path: string;
  readonly hint: RegExp;
  readonly line?: number;
  /** Complete answers, checked directly instead of `text` (for states a spec file cannot reach). */
  readonly answers?: Answers;
}

const CASES: Case[] = [
  // structure: the shape of the file against the input schema
  { rule: 'spec-known-keys', title: 'unknown top-level key', text: `stak: node\n${spec(PET, 'name: t\n')}`, path: 'stak', hint: /did you mean "stack"/, line: 1 },
  { rule: 'spec-known-keys', title: 'unknown field key', text: spec('  Pet:\n    fields:\n      name: { type: string, requird: true }\n'), path: 'entities.Pet.fields.name.requird', hint: /did you mean "required"/, line: 7 },
  { rule: 'spec-known-keys', title: 'unknown relation key', text: spec(`${PET}    relations:\n      pet: { kind: many-to-one, too: Pet }\n`), path: 'entities.Pet.relations.pet.too', hint: /did you mean "to"/ },
  { rule: 'spec-valid-option', title: 'misspelt stack', text: spec(PET, 'name: t\nstack: nod\n'), path: 'stack', hint: /did you mean "node"/, line: 2 },
  { rule: 'spec-valid-option', title: 'misspelt database', text: spec(PET, 'name: t\ndatabase: postgress\n'), path: 'database', hint: /did you mean "postgres"/, line: 2 },
  { rule: 'spec-valid-option', title: 'unknown field type in a mapping', text: spec('  Pet:\n    fields:\n      age: { type: integr }\n'), path: 'entities.Pet.fields.age.type', hint: /did you mean "integer"/, line: 7 },
  { rule: 'spec-valid-option', title: 'unknown relation kind', text: spec(`${PET}    relations:\n      pet: { kind: many-to-on, to: Pet }\n`), path: 'entities.Pet.relations.pet.kind', hint: /did you mean "many-to-one"/ },
  { rule: 'spec-shape', title: 'entities as a list', text: 'name: t\nentities: [Pet, Vet]\n', path: 'entities', hint: /key each entity by its name, e\.g\. entities: \{ Pet:/, line: 2 },
  { rule: 'spec-shape', title: 'fields as a list', text: spec('  Pet:\n    fields: [name, born]\n'), path: 'entities.Pet.fields', hint: /key each field by its name/ },
  { rule: 'spec-shape', title: 'relations as a list', text: spec(`${PET}    relations: [owner]\n`), path: 'entities.Pet.relations', hint: /key each relation by its name/ },
  { rule: 'spec-shape', title: 'a field that is a number', text: spec('  Pet:\n    fields:\n      age: 5\n'), path: 'entities.Pet.fields.age', hint: /"string!"|type: string/ },
  { rule: 'spec-range', title: 'maxLength of 0', text: spec('  Pet:\n    fields:\n      name: { type: string, maxLength: 0 }\n'), path: 'entities.Pet.fields.name.maxLength', hint: /use 1 or more/ },
  // the choices
  { rule: 'project-name', title: 'project name not kebab-case', text: spec(PET, 'name: My_API\n'), path: 'name', hint: /try "my-api"/, line: 1 },
  ...(UNAVAILABLE_STACK ? [{ rule: 'stack-available', title: 'a stack without templates yet', text: spec(PET, `name: t\nstack: ${UNAVAILABLE_STACK}\n`), path: 'stack', hint: /node/, line: 2 }] : []),
  { rule: 'stack-supports-database', title: 'a database the stack does not support', text: spec(PET, 'name: t\nstack: ruby\ndatabase: mongodb\n'), path: 'database', hint: /sqlite, postgres, mysql$/, line: 3 },
  { rule: 'cloud-supports-database', title: 'MongoDB on AWS as a CDK app', text: spec(PET, 'name: t\ndatabase: mongodb\ncloud: [aws, gcp]\niac: cdk\n'), path: 'iac', hint: /Terraform/, line: 4 },
  ...(UNAVAILABLE_CLOUD ? [{ rule: 'cloud-available', title: 'a cloud target not generated yet', text: spec(PET, `name: t\ncloud: [${UNAVAILABLE_CLOUD}]\n`), path: 'cloud', hint: /--cloud none/, line: 2 }] : []),
  ...(AVAILABLE_CLOUDS.length && RULE_SOURCES.includes("'cloud-needs-server-database'")
    ? [{ rule: 'cloud-needs-server-database', title: 'a cloud target with the embedded database', text: spec(PET, `name: t\ndatabase: sqlite\ncloud: [${AVAILABLE_CLOUDS[0]}]\n`), path: 'database', hint: /postgres/, line: 2 }]
    : []),
  { rule: 'iac-needs-aws', title: 'iac cdk without the aws target', text: spec(PET, 'name: t\ndatabase: postgres\ncloud: [gcp]\niac: cdk\n'), path: 'iac', hint: /--cloud aws/, line: 4 },
  { rule: 'iac-needs-aws', title: 'iac cdk with no cloud target at all', text: spec(PET, 'name: t\niac: cdk\n'), path: 'iac', hint: /--cloud aws/, line: 2 },
  { rule: 'java-package-format', title: 'java package with an upper-case segment', text: spec(PET, 'name: t\nstack: java\njava:\n  package: com.Acme.shop\n'), path: 'java.package', hint: /reversed domain/, line: 4 },
  { rule: 'java-package-format', title: 'java package with a keyword segment', text: spec(PET, 'name: t\nstack: java\njava:\n  package: org.acme.class\n'), path: 'java.package', hint: /reversed domain/, line: 4 },
  { rule: 'spec-valid-option', title: 'misspelt iac', text: spec(PET, 'name: t\ncloud: [aws]\ndatabase: postgres\niac: cdc\n'), path: 'iac', hint: /did you mean "cdk"/, line: 4 },
  { rule: 'cloud-none-exclusive', title: 'none with other targets', text: spec(PET, 'name: t\ncloud: [none, gcp]\n'), path: 'cloud', hint: /either none or a list/ },
  // entities
  { rule: 'entity-name-format', title: 'entity not PascalCase', text: spec('  pet:\n    fields:\n      name: string!\n'), path: 'entities.pet', hint: /try "Pet"/, line: 6 },
  { rule: 'entity-name-collision', title: 'an entity taking the accounts table of auth: jwt', text: spec('  AuthAccount:\n    fields:\n      name: string!\n', 'name: t\nstack: node\ndatabase: sqlite\nauth: jwt\n'), path: 'entities.AuthAccount', hint: /rename one/ },
  { rule: 'entity-name-collision', title: 'a join table taking an entity table', text: spec(`${PET}    relations:\n      tags: { kind: many-to-many, to: Tag }\n  Tag:\n    fields:\n      name: string!\n  PetTag:\n    fields:\n      name: string!\n`), path: 'entities.Pet.relations.tags', hint: /rename one/ },
  { rule: 'entity-name-length', title: 'an entity name over 40 characters', text: spec(`  ${'A'.repeat(1)}${'b'.repeat(40)}:\n    fields:\n      name: string!\n`), path: `entities.A${'b'.repeat(40)}`, hint: /database limits/ },
  { rule: 'entity-name-collision', title: 'two entities with one table name', text: spec(`  HTTPServer:\n    fields:\n      name: string!\n  HttpServer:\n    fields:\n      name: string!\n`), path: 'entities.HttpServer', hint: /rename one/ },
  { rule: 'entity-name-collision', title: 'a singular that is another entity’s plural', text: spec(`  Person:\n    fields:\n      name: string!\n  People:\n    fields:\n      name: string!\n`), path: 'entities.People', hint: /rename one/ },
  { rule: 'entities-at-most', title: 'more than 1,000 entities', text: spec(Array.from({ length: 1001 }, (_, i) => `  E${i}:\n    fields:\n      name: string\n`).join('')), path: 'entities', hint: /split/ },
  { rule: 'entity-not-empty', title: 'an entity without fields or relations', text: spec(`${PET}  Vet: {}\n`), path: 'entities.Vet', hint: /name: string!/ },
  // A spec without entities takes the example entity (like --yes), so this rule is reached through answers.
  { rule: 'entities-required', title: 'no entities at all', text: '', answers: { name: 't', stack: 'node', database: 'sqlite', cloud: [], auth: 'none', entities: {} }, path: 'entities', hint: /--entity|entities:/ },
  // fields
  { rule: 'field-type-known', title: 'unknown shorthand type', text: spec('  Pet:\n    fields:\n      name: strng!\n'), path: 'entities.Pet.fields.name', hint: /did you mean "string"/, line: 7 },
  { rule: 'field-type-known', title: 'a capitalised shorthand', text: spec('  Pet:\n    fields:\n      age: Intger\n'), path: 'entities.Pet.fields.age', hint: /did you mean "integer"/ },
  { rule: 'field-name-format', title: 'field not camelCase', text: spec('  Pet:\n    fields:\n      Name: string!\n'), path: 'entities.Pet.fields.Name', hint: /try "name"/ },
  { rule: 'field-name-reserved', title: 'an implicit field', text: spec('  Pet:\n    fields:\n      createdAt: datetime\n'), path: 'entities.Pet.fields.createdAt', hint: /always present/ },
  { rule: 'field-name-collision', title: 'a field whose column is an implicit one', text: spec('  Pet:\n    fields:\n      createdAT: datetime\n'), path: 'entities.Pet.fields.createdAT', hint: /rename one/ },
  { rule: 'field-name-collision', title: 'two fields with one column', text: spec('  Pet:\n    fields:\n      ownerID: string\n      ownerId: string\n'), path: 'entities.Pet.fields.ownerId', hint: /rename one/ },
  { rule: 'field-name-collision', title: 'a field named like a foreign key', text: spec(`${PET}    relations:\n      vet: { kind: many-to-one, to: Vet }\n  Vet:\n    fields:\n      vetId: string\n      name: string\n`.replace('  Pet:\n    fields:\n      name: string!\n', '  Pet:\n    fields:\n      name: string!\n      vetId: string\n')), path: 'entities.Pet.relations.vet', hint: /rename one/ },
  { rule: 'enum-values', title: 'an enum shorthand without values', text: spec('  Pet:\n    fields:\n      kind: enum!\n'), path: 'entities.Pet.fields.kind', hint: /values: \[a, b\], required: true/ },
  { rule: 'enum-values', title: 'an enum with duplicate values', text: spec('  Pet:\n    fields:\n      kind: { type: enum, values: [cat, cat] }\n'), path: 'entities.Pet.fields.kind.values', hint: /unique/ },
  { rule: 'enum-values', title: 'an enum with an empty list', text: spec('  Pet:\n    fields:\n      kind: { type: enum, values: [] }\n'), path: 'entities.Pet.fields.kind.values', hint: /values: \[draft, published\]/ },
  { rule: 'enum-values', title: 'an enum value that is no identifier', text: spec('  Pet:\n    fields:\n      kind: { type: enum, values: ["two words"] }\n'), path: 'entities.Pet.fields.kind.values', hint: /starting with a letter/ },
  { rule: 'constraint-applies', title: 'min on a string', text: spec('  Pet:\n    fields:\n      name: { type: string, min: 1 }\n'), path: 'entities.Pet.fields.name.min', hint: /integer, bigint, number and decimal/ },
  { rule: 'constraint-applies', title: 'values on a string', text: spec('  Pet:\n    fields:\n      name: { type: string, values: [a] }\n'), path: 'entities.Pet.fields.name.values', hint: /enum fields only/ },
  { rule: 'constraint-applies', title: 'pattern on an integer', text: spec('  Pet:\n    fields:\n      age: { type: integer, pattern: "^1$" }\n'), path: 'entities.Pet.fields.age.pattern', hint: /string and text/ },
  { rule: 'constraint-order', title: 'min above max', text: spec('  Pet:\n    fields:\n      age: { type: integer, min: 10, max: 1 }\n'), path: 'entities.Pet.fields.age.min', hint: /swap/, line: 7 },
  { rule: 'constraint-order', title: 'minLength above maxLength', text: spec('  Pet:\n    fields:\n      name: { type: string, minLength: 10, maxLength: 5 }\n'), path: 'entities.Pet.fields.name.minLength', hint: /swap/ },
  { rule: 'constraint-order', title: 'scale above precision', text: spec('  Pet:\n    fields:\n      weight: { type: decimal, precision: 4, scale: 6 }\n'), path: 'entities.Pet.fields.weight.scale', hint: /precision counts all digits/ },
  { rule: 'constraint-range', title: 'a huge string', text: spec('  Pet:\n    fields:\n      name: { type: string, maxLength: 20000 }\n'), path: 'entities.Pet.fields.name.maxLength', hint: /type text/ },
  { rule: 'constraint-range', title: 'an integer bound beyond 32 bits', text: spec('  Pet:\n    fields:\n      age: { type: integer, max: 3000000000 }\n'), path: 'entities.Pet.fields.age.max', hint: /bigint/ },
  { rule: 'pattern-valid', title: 'a broken regular expression', text: spec('  Pet:\n    fields:\n      code: { type: string, pattern: "([a-z" }\n'), path: 'entities.Pet.fields.code.pattern', hint: /for example/ },
  { rule: 'pattern-subset', title: 'a named group', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^(?<y>[0-9]{4})$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /plain group/ },
  { rule: 'pattern-subset', title: 'a lookbehind', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '(?<=a)b' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /lookahead/ },
  { rule: 'pattern-subset', title: 'a backreference', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^(a)\\1$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /repeat the sub-pattern/ },
  { rule: 'pattern-subset', title: 'a Unicode property escape', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^\\p{L}+$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /list the characters/ },
  { rule: 'pattern-subset', title: 'an inline modifier', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^(?i:ab)$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /\[Aa\]/ },
  { rule: 'pattern-satisfiable', title: 'a pattern longer than maxLength', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^[a-z]{300}$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /maxLength/ },
  { rule: 'pattern-satisfiable', title: 'a pattern no value of minLength..maxLength matches', text: spec("  Pet:\n    fields:\n      code: { type: string, minLength: 3, maxLength: 3, pattern: '^(ab)+$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /maxLength/ },
  { rule: 'pattern-satisfiable', title: 'a unique field with too few values', text: spec("  Pet:\n    fields:\n      answer: { type: string, unique: true, pattern: '^(yes|no)$' }\n"), path: 'entities.Pet.fields.answer.pattern', hint: /drop unique/ },
  { rule: 'pattern-satisfiable', title: 'a required field whose pattern the sampler cannot satisfy', text: spec("  Pet:\n    fields:\n      code: { type: string, required: true, pattern: '^(?=a)b$' }\n"), path: 'entities.Pet.fields.code.pattern', hint: /default that matches/ },
  { rule: 'pattern-satisfiable', title: 'an email field whose pattern admits no email address', text: spec("  Pet:\n    fields:\n      contact: { type: email, pattern: '^[a-z]+$' }\n"), path: 'entities.Pet.fields.contact.pattern', hint: /admit an email address/ },
  { rule: 'pattern-satisfiable', title: 'a url field whose pattern admits no http(s) URL', text: spec("  Pet:\n    fields:\n      site: { type: url, required: true, pattern: '^ftp://.+$' }\n"), path: 'entities.Pet.fields.site.pattern', hint: /admit an http\(s\) URL/ },
  { rule: 'default-valid', title: 'a default that does not match the pattern', text: spec("  Pet:\n    fields:\n      code: { type: string, pattern: '^[A-Z]{3}$', default: abc }\n"), path: 'entities.Pet.fields.code.default', hint: /satisfy/ },
  { rule: 'default-valid', title: 'a text default for an integer', text: spec('  Pet:\n    fields:\n      age: { type: integer, default: "x" }\n'), path: 'entities.Pet.fields.age.default', hint: /satisfy the field type/ },
  { rule: 'default-valid', title: 'an enum default outside its values', text: spec('  Pet:\n    fields:\n      kind: { type: enum, values: [cat, dog], default: cow }\n'), path: 'entities.Pet.fields.kind.default', hint: /satisfy/ },
  { rule: 'default-valid', title: 'a default below min', text: spec('  Pet:\n    fields:\n      age: { type: integer, min: 1, default: 0 }\n'), path: 'entities.Pet.fields.age.default', hint: /satisfy/ },
  { rule: 'default-valid', title: 'a malformed date default', text: spec('  Pet:\n    fields:\n      born: { type: date, default: "31/01/2024" }\n'), path: 'entities.Pet.fields.born.default', hint: /satisfy/ },
  { rule: 'unique-type', title: 'a unique text', text: spec('  Pet:\n    fields:\n      bio: { type: text, unique: true }\n'), path: 'entities.Pet.fields.bio.unique', hint: /string field with a maxLength/ },
  { rule: 'unique-type', title: 'a unique string too long to index on MySQL', text: spec('  Pet:\n    fields:\n      code: { type: string, unique: true, maxLength: 1000 }\n'), path: 'entities.Pet.fields.code.unique', hint: /768/ },
  // relations
  { rule: 'relation-name-format', title: 'relation not camelCase', text: spec(`${PET}    relations:\n      Parent: { kind: many-to-one, to: Pet }\n`), path: 'entities.Pet.relations.Parent', hint: /try "parent"/ },
  { rule: 'relation-name-reserved', title: 'a relation named like an implicit field', text: spec(`${PET}    relations:\n      updatedAt: { kind: many-to-one, to: Pet }\n`), path: 'entities.Pet.relations.updatedAt', hint: /updatedAtRef/ },
  { rule: 'relation-target-exists', title: 'a relation to a missing entity', text: spec(`${PET}    relations:\n      owner: { kind: many-to-one, to: Ownr }\n  Owner:\n    fields:\n      name: string!\n`), path: 'entities.Pet.relations.owner.to', hint: /did you mean "Owner"/, line: 9 },
  { rule: 'relation-many-to-many-options', title: 'required on a many-to-many', text: spec(`${PET}    relations:\n      friends: { kind: many-to-many, to: Pet, required: true }\n`), path: 'entities.Pet.relations.friends', hint: /remove those keys/ },
  { rule: 'relation-set-null-required', title: 'set-null on a required relation', text: spec(`${PET}    relations:\n      owner: { kind: many-to-one, to: Owner, required: true, onDelete: set-null }\n  Owner:\n    fields:\n      name: string!\n`), path: 'entities.Pet.relations.owner.onDelete', hint: /cascade or restrict/ },
  { rule: 'relation-required-cycle', title: 'required relations in a cycle', text: spec(`${PET}    relations:\n      owner: { kind: many-to-one, to: Owner, required: true }\n  Owner:\n    fields:\n      name: string!\n    relations:\n      favourite: { kind: one-to-one, to: Pet, required: true }\n`), path: 'entities.Pet.relations.owner.required', hint: /make one of them optional/ },
  { rule: 'relation-self-required', title: 'a required relation to itself', text: spec(`${PET}    relations:\n      parent: { kind: many-to-one, to: Pet, required: true }\n`), path: 'entities.Pet.relations.parent.required', hint: /optional/ },
  { rule: 'owned-needs-auth', title: 'an owned entity without auth', text: spec('  Pet:\n    owned: true\n    fields:\n      name: string!\n', 'name: t\nauth: none\n'), path: 'entities.Pet.owned', hint: /auth: jwt/, line: 5 },
];

describe('rules, one table row per rule id', () => {
  it.each(CASES)('$rule: $title', (c) => {
    const problems = c.answers ? finish(c.answers, {}, {}).problems : validateText(c.text);
    const hit = problems.find((p) => p.rule === c.rule && p.path === c.path);
    expect(hit, `expected ${c.rule} at ${c.path}; got ${JSON.stringify(problems, null, 1)}`).toBeDefined();
    expect(hit!.message.length).toBeGreaterThan(10);
    expect(hit!.hint, 'a hint').toBeTypeOf('string');
    expect(hit!.hint).toMatch(c.hint);
    if (c.line !== undefined) expect(hit!.line, JSON.stringify(hit)).toBe(c.line);
  });

  it('every rule id raised in src/config and src/model has a row in the table', () => {
    const sources = RULE_SOURCES;
    const ids = new Set([...sources.matchAll(/(?:problem\(|rule: )'([a-z0-9-]+)'/g)].map((m) => m[1]));
    ids.delete('entity-flag-syntax'); // --entity parsing: test/unit/spec.test.ts
    if (!UNAVAILABLE_CLOUD) ids.delete('cloud-available'); // unreachable once every target is generated
    if (!UNAVAILABLE_STACK) ids.delete('stack-available'); // unreachable once every stack is generated
    const covered = new Set(CASES.map((c) => c.rule));
    expect([...ids].filter((id) => !covered.has(id))).toEqual([]);
    expect(ids.size).toBeGreaterThan(25);
  });

  it('the rule functions are registered under their ids', () => {
    expect(Object.keys(RULES)).toEqual(expect.arrayContaining(['project-name', 'stack-available', 'cloud-available', 'owned-needs-auth', 'relations', 'field-constraints']));
  });
});

describe('constraint-applies', () => {
  it('names the type with its article (an email field, a url field)', () => {
    const messages = validateText(spec('  Pet:\n    fields:\n      mail: { type: email, pattern: "x" }\n      site: { type: url, min: 1 }\n      code: { type: uuid, maxLength: 3 }\n')).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining(['pattern does not apply to an email field', 'min does not apply to a url field']));
  });
});

describe('relation-required-cycle', () => {
  const three = (third: string) => spec(`  A:\n    fields:\n      name: string!\n    relations:\n      b: { kind: many-to-one, to: B, required: true }\n  B:\n    relations:\n      c: { kind: many-to-one, to: C, required: true }\n  C:\n    relations:\n      a: { kind: many-to-one, to: A${third} }\n`);

  it('names every relation of a longer cycle once, at the relation that starts it', () => {
    const problems = validateText(three(', required: true'));
    expect(problems.map((p) => [p.rule, p.path])).toEqual([['relation-required-cycle', 'entities.A.relations.b.required']]);
    expect(problems[0].message).toContain('A.b → B, B.c → C, C.a → A');
  });

  it('accepts the cycle once one relation is optional, and leaves a required self-relation to its own rule', () => {
    expect(validateText(three(''))).toEqual([]);
    const self = validateText(spec(`${PET}    relations:\n      parent: { kind: many-to-one, to: Pet, required: true }\n`));
    expect(self.map((p) => p.rule)).toEqual(['relation-self-required']);
  });
});

describe('pattern-satisfiable refuses only what no sample can satisfy', () => {
  it.each([
    ['an optional field the sampler cannot satisfy (its samples are left out)', "code: { type: string, pattern: '^(?=a)b$' }"],
    ['a required field the sampler cannot satisfy, with a default that matches', "code: { type: string, required: true, pattern: '^(?=.*z.*y.*x)[a-z]{3}$', default: zyx }"],
    ['a unique field whose pattern admits eight values', "code: { type: string, unique: true, pattern: '^[a-h]$' }"],
    ['an unanchored pattern shorter than minLength (a value may contain the match)', "code: { type: string, minLength: 10, pattern: '[0-9]{2}' }"],
  ])('accepts %s', (_, field) => {
    expect(validateText(spec(`  Pet:\n    fields:\n      ${field}\n`))).toEqual([]);
  });

  // constraint-applies refuses a pattern on email and url fields today; this rule is ready for the day it does not.
  it.each([
    ['an email field whose pattern alone is no address (the sampler completes it)', "contact: { type: email, unique: true, pattern: '^[a-z]+\\\\.[a-z]+' }"],
    ['a url field whose pattern fixes only its end', "site: { type: url, required: true, pattern: '\\\\.pdf$' }"],
  ])('finds values for %s', (_, field) => {
    expect(validateText(spec(`  Pet:\n    fields:\n      ${field}\n`)).filter((p) => p.rule === 'pattern-satisfiable')).toEqual([]);
  });
});

describe('the shop fixture', () => {
  const shop = readFileSync(join(ROOT, 'test/fixtures/shop.yaml'), 'utf8');

  it('validates clean', () => {
    expect(validateText(shop)).toEqual([]);
  });

  it('resolves to the recorded config', () => {
    const file = join(ROOT, 'test/fixtures/shop.yaml');
    const gathered = gather({ config: file });
    const { config, problems } = finish(withDefaults(gathered.partial), gathered, {});
    expect(problems).toEqual([]);
    expect(config!.entities.map((e) => e.name)).toEqual(['Category', 'Supplier', 'Product', 'Tag', 'Order', 'Invoice']);
    expect(checkRules(config!)).toEqual([]);
    expect(Object.isFrozen(config) && Object.isFrozen(config!.entities[0].fields)).toBe(true);
  });

  it('reports every problem of a broken copy in one run, each located', () => {
    const broken = shop
      .replace('type: uuid', 'type: uuidd')
      .replace('to: Tag', 'to: Tags')
      .replace('min: 1, max: 5', 'min: 5, max: 1')
      .replace('auth: jwt', 'auth: none');
    const problems = validateText(broken);
    expect(problems.map((p) => p.rule).sort()).toEqual(['constraint-order', 'owned-needs-auth', 'relation-target-exists', 'spec-valid-option']);
    for (const p of problems) expect(p.line, p.rule).toBeGreaterThan(0);
  });
});

describe('keywords are names like any other (SPEC 3)', () => {
  it('the keyword model (every keyword of every language and SQL dialect) validates without a problem', () => {
    const file = writeKeywordSpec(join(tmp, 'keywords.json'));
    const gathered = gather({ config: file });
    expect(gathered.problems).toEqual([]);
    expect(finish(withDefaults(gathered.partial), gathered, {}).problems).toEqual([]);
  });
  it('the keyword model uses every camelCase keyword of every list as a field name', () => {
    const fields = new Set(keywordFieldNames().map((w) => names(w).snake));
    for (const [lang, list] of Object.entries(KEYWORDS)) {
      for (const w of list) if (/^[a-z][A-Za-z0-9]*$/.test(w) && w !== 'id') expect(fields.has(names(w).snake), `${lang}: ${w}`).toBe(true);
    }
  });
  it.each([...KEYWORD_ENTITIES, 'Key', 'Row', 'Database', 'Constructor'])('entity %s is accepted', (name) => {
    expect(validateText(spec(`  ${name}:\n    fields:\n      name: string!\n`))).toEqual([]);
  });
  it.each(['class', 'type', 'limit', 'offset', 'sort', 'constructor', 'toString', 'from', 'date', 'key', 'value', 'default', 'package', 'order', 'user'])('field %s is accepted', (w) => {
    expect(validateText(spec(`  Pet:\n    fields:\n      ${w}: string!\n`))).toEqual([]);
  });
  it('with auth: jwt an entity User is ordinary; only AuthAccount takes the accounts table', () => {
    const head = 'name: t\nstack: node\ndatabase: sqlite\nauth: jwt\n';
    expect(validateText(spec('  User:\n    fields:\n      email: email!\n', head))).toEqual([]);
    const problems = validateText(spec('  AuthAccount:\n    fields:\n      name: string!\n', head));
    expect(problems.map((p) => p.rule)).toEqual(['entity-name-collision']);
  });
  it('two entities with one table, and a join table taking an entity table, are refused', () => {
    expect(validateText(spec('  Person:\n    fields:\n      name: string!\n  People:\n    fields:\n      name: string!\n')).map((p) => p.rule)).toContain('entity-name-collision');
    const join = spec('  Pet:\n    fields:\n      name: string!\n    relations:\n      tags: { kind: many-to-many, to: Tag }\n  Tag:\n    fields:\n      name: string!\n  PetTag:\n    fields:\n      name: string!\n');
    expect(validateText(join).map((p) => p.rule)).toEqual(['entity-name-collision']);
  });
});

describe('what is offered', () => {
  it('the offered stacks and databases are exactly those some stack generates', () => {
    expect(offered(STACKS)).toEqual(STACKS.filter(isStackAvailable));
    expect(offered(DATABASES)).toEqual(DATABASES.filter((d) => STACKS.some((s) => STACK_DATABASES[s].includes(d))));
  });
});

describe('flags are checked with the same care', () => {
  const problems = (flags: CliInput) => gather(flags).problems;

  it.each([
    [{ stack: 'nod' }, '--stack', /did you mean "node"/],
    [{ database: 'mongo' }, '--database', /did you mean "mongodb"/],
    [{ database: 'maria' }, '--database', /^valid: sqlite, postgres, mysql, mongodb$/],
    [{ stack: 'rubi' }, '--stack', /did you mean "ruby"/],
    [{ auth: 'basic' }, '--auth', /valid: none, jwt/],
    [{ cloud: 'aws,azur' }, '--cloud', /did you mean "azure"/],
    [{ packageManager: 'pnmp' }, '--package-manager', /did you mean "pnpm"/],
  ] as Array<[CliInput, string, RegExp]>)('%o', (flags, path, hint) => {
    const p = problems(flags);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ rule: 'flag-valid-option', path });
    expect(p[0].hint).toMatch(hint);
  });

  it('--cloud aws,none is contradictory', () => {
    expect(problems({ cloud: 'aws,none' }).map((p) => [p.rule, p.path])).toEqual([['cloud-none-exclusive', '--cloud']]);
  });

  it('an entity given twice (spec file and --entity) is reported', () => {
    const p = validateText(spec(PET), { entity: ['Pet: name:string'] });
    expect(p.find((x) => x.rule === 'entity-duplicate')).toMatchObject({ path: '--entity[0]' });
  });

  it('a choice made by a flag is reported against the flag, not the spec', () => {
    const p = validateText(spec(PET), { stack: 'ruby', database: 'mongodb' });
    expect(p.find((x) => x.rule === 'stack-supports-database')).toMatchObject({ path: '--database' });
  });

  it('a missing spec file is a config-file problem naming --config', () => {
    const p = gather({ config: join(tmp, 'nope.yaml') }).problems;
    expect(p).toEqual([expect.objectContaining({ rule: 'config-file', path: '--config' })]);
  });
});
