import { describe, expect, it } from 'vitest';
import { annotationJava, wrapBlock, wrapJava } from '../../src/generator/java-wrap.js';

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
    expect(parameter(['"a"'])).toBe('    @Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(type = "string", allowableValues = {"a"}))');
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
