import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/config/types.js';
import { rubyCall, rubyLiteral, rubyNumber, rubyString, rubyStrings } from '../../src/stacks/ruby/syntax.js';

/** The Ruby literals the ruby stack writes (catalog, seeds, specs) read back as the values they were made from. */
const VALUES: JsonValue[] = [
  'plain', "it's", 'back\\slash', 'a\u0000b', 'line\nbreak', 'tab\there', '#{interpolation}', '#$global #@ivar', 'é ünïcode 😀',
  'sep\u2028arator', '"double"', '',
  0, 7, -12, 12345, -840126233, 9007199254740991, 1.5, -840126233.5, 0.1, 1e21, 1.5e-7, -2147483649,
  true, false, null,
  ['a', 'b'], ['a b', 'c'], [1, 'two', null, true], { 'a key': { nested: [1.25] } }, {},
];

const hasRuby = spawnSync('ruby', ['--version']).status === 0;

describe('Ruby literals', () => {
  it.skipIf(!hasRuby)('evaluate to the JSON values they were written from', () => {
    const script = `require "json"\nputs JSON.generate([\n${VALUES.map(rubyLiteral).join(",\n")}\n])`;
    const run = spawnSync('ruby', ['-W0', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(VALUES);
  });

  it('are written as RuboCop wants them', () => {
    expect(rubyString('plain')).toBe("'plain'");
    expect(rubyString("it's")).toBe('"it\'s"');
    expect(rubyString('#{x}')).toBe("'#{x}'");
    expect(rubyString('a\nb #{x}')).toBe('"a\\nb \\#{x}"');
    expect(rubyStrings(['draft', 'published'])).toBe('%w[draft published]');
    expect(rubyStrings(['one'])).toBe("['one']");
    expect(rubyStrings(['a b', 'c'])).toBe("['a b', 'c']");
    expect(rubyNumber(1234)).toBe('1234');
    expect(rubyNumber(-840126233.5)).toBe('-840_126_233.5');
    expect(rubyNumber(1e21)).toBe('1.0e21');
  });

  it('calls fit a line or take one argument per line', () => {
    expect(rubyCall('f', ['1', '2'], 4)).toBe('f(1, 2)');
    expect(rubyCall('f', ['x'.repeat(60), 'y'.repeat(60)], 4)).toBe(`f(\n      ${'x'.repeat(60)},\n      ${'y'.repeat(60)}\n    )`);
  });
});
