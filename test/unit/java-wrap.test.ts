import { describe, expect, it } from 'vitest';
import { annotationJava, conditionBlock, recordJava, wrapBlock, wrapJava } from '../../src/generator/java-wrap.js';

/** The layouts palantir-java-format gives one list, which the Java templates must reproduce (src/generator/java-wrap.ts). */
const long = (n: number, width = 20) => Array.from({ length: n }, (_, i) => `"${`item${i}`.padEnd(width, 'x')}"`);

describe('wrapJava', () => {
  it('keeps a list that fits on one line', () => {
    expect(wrapJava(4, 'private static final List<String> SORTS = List.of(', ['"a"', '"b"'], ');')).toBe('    private static final List<String> SORTS = List.of("a", "b");');
  });

  it('breaks after = and keeps the call whole on the next line when that fits', () => {
    expect(wrapJava(4, 'private static final List<String> SORTS = List.of(', long(3), ');')).toBe(
      `    private static final List<String> SORTS =\n            List.of(${long(3).join(', ')});`,
    );
  });

  it('breaks after ( and keeps the items together when that fits', () => {
    expect(wrapJava(0, 'public record PetResponse(', long(4), ') {}')).toBe(`public record PetResponse(\n        ${long(4).join(', ')}) {}`);
  });

  it('puts one item per line, the closing text on the last, when nothing else fits', () => {
    expect(wrapJava(8, 'for (String sample : List.of(', long(6), ')) {')).toBe(
      `        for (String sample : List.of(\n${long(6).map((s, i) => `                ${s}${i === 5 ? ')) {' : ','}`).join('\n')}`,
    );
  });

  it('reads head, items and tail from the lines of a block', () => {
    expect(wrapBlock(4, '\npublic Pet(\n  String name\n\n  int age\n) {\n')).toBe('    public Pet(String name, int age) {\n');
    expect(() => wrapBlock(4, 'only one line')).toThrow(/head line and a tail line/);
  });
});

describe('annotationJava', () => {
  const parameter = (values: string[]) =>
    annotationJava(4, 'Parameter', [['in', 'ParameterIn.QUERY'], ['name', '"sort"'], ['schema', { annotation: 'Schema', attributes: [['type', '"string"'], ['allowableValues', values]] }]]);

  it('keeps a short annotation on one line', () => {
    expect(annotationJava(4, 'Parameter', [['in', 'ParameterIn.QUERY'], ['schema', { annotation: 'Schema', attributes: [['type', '"string"']] }]])).toBe(
      '    @Parameter(in = ParameterIn.QUERY, schema = @Schema(type = "string"))',
    );
  });

  // The layouts below are palantir-java-format 2.103.0's output for the same input.
  it('gives each attribute its line when one of several is a list, however short, and in an enclosing annotation too', () => {
    expect(parameter(['"a"'])).toBe([
      '    @Parameter(',
      '            in = ParameterIn.QUERY,',
      '            name = "sort",',
      '            schema =',
      '                    @Schema(',
      '                            type = "string",',
      '                            allowableValues = {"a"}))',
    ].join('\n'));
  });

  it('keeps list items that fit without the closing brace on the line, the brace on the next', () => {
    const values = ['"label"', '"-label"', '"createdAt"', '"-createdAt"', '"updatedAt"', '"-updatedAtX"'];
    expect(parameter(values).split('\n').slice(-2)).toEqual([`                            allowableValues = {${values.join(', ')}`, '                            }))']);
  });

  it('breaks after = a string attribute too long for its line', () => {
    const message = `"${'x'.repeat(100)}"`;
    expect(annotationJava(8, 'Pattern', [['regexp', '"^a$"'], ['message', message]])).toBe(`        @Pattern(\n                regexp = "^a$",\n                message =\n                        ${message})`);
  });

  it('puts one attribute per line, then breaks a nested annotation and a long array the same way', () => {
    const values = long(8);
    expect(parameter(values)).toBe([
      '    @Parameter(',
      '            in = ParameterIn.QUERY,',
      '            name = "sort",',
      '            schema =',
      '                    @Schema(',
      '                            type = "string",',
      '                            allowableValues = {',
      ...values.map((v, i) => `                                ${v}${i === 7 ? '' : ','}`),
      '                            }))',
    ].join('\n'));
  });
});

describe('wrapJava fill', () => {
  it('fills a list of short string literals line by line, and gives longer ones a line each', () => {
    const short = Array.from({ length: 20 }, (_, i) => `"k${String(i).padStart(5, '0')}"`);
    const out = wrapJava(4, 'private static final Set<String> KEYS = Set.of(', short, ');').split('\n');
    expect(out).toHaveLength(3);
    expect(out[1]).toMatch(/^ {12}"k00000", "k00001", /);
    const longer = short.map((k) => k.replace('"k', '"key'));
    expect(wrapJava(4, 'private static final Set<String> KEYS = Set.of(', longer, ');').split('\n')).toHaveLength(21);
  });
});

describe('recordJava', () => {
  it('keeps components on one line when no annotation takes arguments', () => {
    expect(recordJava(0, 'public record R(', ['@JsonProperty("false") Integer false_', 'UUID datumId'], ') {}')).toBe('public record R(@JsonProperty("false") Integer false_, UUID datumId) {}');
  });

  it('gives a record whose annotations take arguments a shorter line, then one component per line', () => {
    expect(recordJava(0, 'public record InvoiceCreate(', ['@NotNull @Size(max = 30) String number', '@NotNull Boolean paid'], ') {')).toBe(
      'public record InvoiceCreate(\n        @NotNull @Size(max = 30) String number, @NotNull Boolean paid) {',
    );
    expect(recordJava(0, 'public record AddressCreate(', ['@NotNull @Max(723914990) Long score', 'Instant website', '@NotNull UUID personId'], ') {')).toBe(
      'public record AddressCreate(\n        @NotNull @Max(723914990) Long score,\n        Instant website,\n        @NotNull UUID personId) {',
    );
  });

  it('puts long annotations on their own line, the component set off by blank lines', () => {
    const out = recordJava(0, 'public record R(', ['String a', '@NotBlank(message = "DATABASE_URL is required, e.g. file:./data/shop.db") String databaseUrl', 'String b'], ') {');
    expect(out).toBe('public record R(\n        String a,\n\n        @NotBlank(message = "DATABASE_URL is required, e.g. file:./data/shop.db")\n        String databaseUrl,\n\n        String b) {');
  });
});

describe('recordJava, as palantir laid out the random models (java-format e2e runs them)', () => {
  const active = '@Size(max = 255) @Pattern(regexp = "^[A-Z][a-z]+$", message = "must match the pattern ^[A-Z][a-z]+\\\\$") String active';
  it('breaks after annotations that reach past column 60 (seed 8: two of them ending at 64), and keeps them inline up to 60', () => {
    const out = recordJava(0, 'public record ApplicationCreate(', [active, '@NotNull @Schema(allowableValues = {"published", "new"}) ApplicationEntity.Row row', '@NotNull Long phone'], ') implements CheckedBody {}');
    expect(out).toContain('\n\n        @NotNull @Schema(allowableValues = {"published", "new"})\n        ApplicationEntity.Row row,\n\n        @NotNull Long phone)');
    const inline = recordJava(0, 'public record ApplicationCreate(', [active, '@NotNull @Schema(allowableValues = {"pub", "new"}) ApplicationEntity.Row row', '@NotNull Long phone'], ') implements CheckedBody {}');
    expect(inline).toContain('\n\n        @NotNull @Schema(allowableValues = {"pub", "new"}) ApplicationEntity.Row row,\n        @NotNull Long phone)');
  });

  it("moves components to a continuation line when an annotation would end past column 60 on the header's (seed 10)", () => {
    const components = ['Instant arguments', '@NotNull UUID name', '@NotNull String title', 'UUID typeId'];
    expect(recordJava(0, 'public record SeriesCreate(', components, ') implements CheckedBody {}')).toBe(
      `public record SeriesCreate(\n        ${components.join(', ')}) implements CheckedBody {}`,
    );
    const longer = [...components, `Long ${'z'.repeat(12)}`];
    expect(recordJava(0, 'public record SeriesCreate(', longer, ') implements CheckedBody {}')).toBe(
      `public record SeriesCreate(\n        ${longer.join(', ')})\n        implements CheckedBody {}`,
    );
  });

  it("keeps the components on the header's line, the implements clause on the next, when their annotations end by column 60 (seed 1)", () => {
    const components = ['@DecimalMax("757001294") Double alter', 'UUID managerId', 'UUID ticketId'];
    expect(recordJava(0, 'public record DatumCreate(', components, ') implements CheckedBody {}')).toBe(
      `public record DatumCreate(${components.join(', ')})\n        implements CheckedBody {}`,
    );
    // Two @NotNull apart: the second would end at column 69 on a continuation line, so one component per line.
    expect(recordJava(0, 'public record R(', ['Instant arguments', '@NotNull UUID name', 'String title', '@NotNull UUID typeId'], ') {}')).toBe(
      'public record R(\n        Instant arguments,\n        @NotNull UUID name,\n        String title,\n        @NotNull UUID typeId) {}',
    );
  });
});

describe('conditionBlock', () => {
  it('breaks before && only when the condition does not fit', () => {
    expect(conditionBlock(8, 'if (\na != null\nb\n) {')).toBe('        if (a != null && b) {\n');
    const call = `!references.allExist(ApplicationEntity.class, List.of(input.previousId()), ${'x'.repeat(20)})`;
    expect(conditionBlock(8, `if (\ninput.previousId() != null\n${call}\n) {`)).toBe(`        if (input.previousId() != null\n                && ${call}) {\n`);
  });
});
