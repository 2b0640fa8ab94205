import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatabaseId } from '../../src/config/options.js';
import { finish, gather, withDefaults, type Answers } from '../../src/config/resolve.js';
import { generate } from '../../src/generator/generate.js';
import { loadPack } from '../../src/generator/packs.js';
import { loadStack } from '../../src/stacks/index.js';

/** Java's OpenAPI document describes what its server accepts (issue 11 section 2). */
const ROOT = resolve(import.meta.dirname, '../..');
const java = await loadStack('java');
const packs = java.packs.map((p) => loadPack(join(ROOT, 'templates', p)));

function render(entities: Answers['entities'], database: DatabaseId = 'sqlite', auth: 'none' | 'jwt' = 'none'): (path: string) => string {
  const gathered = gather({});
  const answers = withDefaults({ ...gathered.partial, name: 'shop', stack: 'java', database, auth, cloud: [], entities });
  const { config, problems } = finish(answers, gathered, {});
  expect(problems).toEqual([]);
  const { tree } = generate({ config: config!, stack: java, packs, generatorVersion: '0.0.0-test' });
  const base = 'src/main/java/com/example/shop';
  return (path) => {
    const file = tree.get(path.replace('$main', base).replace('$test', base.replace('main', 'test')));
    expect(file, path).toBeDefined();
    return file!.toString('utf8');
  };
}

/** The code with palantir's line breaks undone, for assertions on content whatever the layout (java-wrap.ts). */
const flat = (code: string) => code.replace(/\(\s+/g, '(').replace(/\s+/g, ' ');

// Generation takes about a second; more while the shared machine compiles other projects.
describe('java OpenAPI', { timeout: 30_000 }, () => {
  it('documents enum fields as an enum with their default, which StrictValue reads into the nested enum instead of an unanchored @Pattern', () => {
    const entities = { Task: { fields: { status: { type: 'enum', values: ['open', 'done'], default: 'open' } } } } as Answers['entities'];
    const create = flat(render(entities)('$main/api/TaskCreate.java'));
    expect(create).toContain('@JsonProperty(defaultValue = "\\"open\\"") @Schema(allowableValues = {"open", "done"}, defaultValue = "open") Task.Status status');
    expect(create).toContain('import io.swagger.v3.oas.annotations.media.Schema;');
    expect(create).toContain('public record TaskCreate(');
    expect(create).toContain(') implements CheckedBody {}');
    expect(create).not.toContain('@Pattern');
  });

  it('documents a decimal as a string of its pattern, read into a BigDecimal whose digits @Digits checks', () => {
    const entities = { Item: { fields: { price: { type: 'decimal', precision: 6, scale: 2, min: 0 } } } } as Answers['entities'];
    const create = flat(render(entities)('$main/api/ItemCreate.java'));
    expect(create).toContain('@Digits(integer = 4, fraction = 2, message = "must be a decimal number with at most 6 digits, 2 after the point")');
    expect(create).toContain(String.raw`@Schema(type = "string", pattern = "^-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,2})?$", description = "A decimal number as a string, at least 0") BigDecimal price`);
    expect(flat(render(entities)('$main/api/ItemResponse.java'))).toContain('@Schema(type = "string") BigDecimal price');
  });

  it('searches an unanchored pattern anywhere in the value, as JSON Schema and the other stacks do', () => {
    const entities = {
      Code: { fields: { part: { type: 'string', pattern: '[A-Z]{3}' }, whole: { type: 'string', pattern: '^[a-z]+$' }, either: { type: 'string', pattern: '^a$|^b$' } } },
    } as Answers['entities'];
    const create = flat(render(entities)('$main/api/CodeCreate.java'));
    // The document shows the model's pattern, not the search form @Pattern needs (OpenApiConfig.MODEL_PATTERNS).
    expect(create).toContain(String.raw`@Pattern(regexp = "[\\s\\S]*(?:[A-Z]{3})[\\s\\S]*", message = "must match the pattern [A-Z]\\{3\\}") String part`);
    expect(create).toContain(String.raw`@Pattern(regexp = "^[a-z]+$", message = "must match the pattern ^[a-z]+\\$") String whole`);
    // Every alternative anchored at both ends: already a whole-value pattern.
    expect(create).toContain(String.raw`@Pattern(regexp = "^a$|^b$", message = "must match the pattern ^a\\$|^b\\$") String either`);
    const config = render(entities)('$main/config/OpenApiConfig.java');
    expect(config).toContain('Map.entry("CodeCreate.part", "[A-Z]{3}")');
    expect(config).not.toContain('"CodeCreate.whole"');
  });

  it('documents the model\'s pattern where java.util.regex needs ECMA-262\'s classes spelled out', () => {
    const entities = { Code: { fields: { digits: { type: 'string', pattern: '^\\d+$' }, spaced: { type: 'string', pattern: '^\\s?[a-z]+$' } } } } as Answers['entities'];
    const create = flat(render(entities)('$main/api/CodeCreate.java'));
    // java.util.regex's \d is ECMA-262's already; its \s lacks the Unicode spaces.
    expect(create).toContain(String.raw`@Pattern(regexp = "^\\d+$", message = "must match the pattern ^\\\\d+\\$") String digits`);
    expect(render(entities)('$main/config/OpenApiConfig.java')).toContain(String.raw`Map.entry("CodeCreate.spaced", "^\\s?[a-z]+$")`);
    expect(create).toMatch(/@Pattern\(regexp = "\^\[\\\\x09-\\\\x0D\\\\x20\\\\xA0/);
  });

  it('adds no pattern table where every @Pattern is the model\'s own text', () => {
    const entities = { Code: { fields: { whole: { type: 'string', pattern: '^[a-z]+$' } } } } as Answers['entities'];
    expect(render(entities)('$main/config/OpenApiConfig.java')).not.toContain('MODEL_PATTERNS');
  });

  it('reads decimals with their precision and scale, so a wrong JSON type gets the same message as a bad shape', () => {
    const entities = { Item: { fields: { price: { type: 'decimal', precision: 8, scale: 2, min: 0, max: 1000 } } } } as Answers['entities'];
    const create = flat(render(entities)('$main/api/ItemCreate.java'));
    expect(create).toContain('message = "must be a decimal number with at most 8 digits, 2 after the point"');
    expect(create).toContain('@DecimalMin("0") @DecimalMax("1000")');
  });

  it('documents a default only where swagger reads it back as the field type', () => {
    const entities = {
      Item: { fields: { active: { type: 'boolean', default: true }, label: { type: 'string', default: 'new' }, code: { type: 'string', default: '12' } } },
    } as Answers['entities'];
    const create = render(entities)('$main/api/ItemCreate.java');
    const flatCreate = flat(create);
    // @JsonProperty's defaultValue is the default's JSON, which the server applies (StrictValue); swagger reads @Schema's.
    expect(flatCreate).toContain('@JsonProperty(defaultValue = "true") @Schema(defaultValue = "true") Boolean active');
    expect(flatCreate).toContain(String.raw`@JsonProperty(defaultValue = "\"new\"") @Size(max = 255) @Schema(defaultValue = "new") String label`);
    expect(flatCreate).toContain(String.raw`@JsonProperty(defaultValue = "\"12\"") @Size(max = 255) String code`);
    expect(create).not.toContain('@Schema(defaultValue = "12")');
  });
});
