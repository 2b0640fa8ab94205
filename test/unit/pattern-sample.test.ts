import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goSearch } from './go-regexp.js';
import { goPattern, javaKeepsPattern, javaPattern, pythonPattern, rubyPattern } from '../../src/model/pattern-dialects.js';
import { FORMAT_RULES } from '../../src/pattern/formats.js';
import { rubySearch } from './ruby-regexp.js';
import { patternSamples, samplePattern, wholeValuePattern } from '../../src/pattern/sample.js';
import { unportableConstructs } from '../../src/config/pattern-subset.js';
import { SAMPLE_ROWS } from '../../src/config/options.js';
import { sampleValue } from '../../src/model/samples.js';
import { invalidSamples } from '../../src/model/view-model.js';
import type { FieldSpec } from '../../src/config/types.js';

/**
 * Real-world patterns (postcodes, phone numbers, identifiers, the JHipster JDL documentation and samples) and
 * the limits a field puts on them. Each must yield SAMPLE_ROWS distinct values that JavaScript and Python's
 * `re` both accept, full match and search alike, within the length limits.
 */
const PATTERNS: readonly { pattern: string; minLength?: number; maxLength?: number }[] = [
  { pattern: '^\\d{5}(-\\d{4})?$' }, // US ZIP
  { pattern: '^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$' }, // UK postcode
  { pattern: '^[0-9]{4} ?[A-Z]{2}$' }, // Dutch postcode
  { pattern: '^\\+?[1-9]\\d{1,14}$' }, // E.164 phone number
  { pattern: '^\\(\\d{3}\\) \\d{3}-\\d{4}$' }, // NANP phone number as written
  { pattern: '^(?:97[89]-?)?\\d{1,5}-?\\d{1,7}-?\\d{1,6}-?[\\dX]$', maxLength: 17 }, // ISBN
  { pattern: '^[A-Z]{2}$' }, // ISO 3166-1 alpha-2
  { pattern: '^[A-Z]{3}$' }, // ISO 4217 currency
  { pattern: '^[a-z]{2,3}(-[A-Z]{2})?$' }, // BCP 47 language tag, simple form
  { pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$' }, // semver
  { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 3, maxLength: 60 }, // slug
  { pattern: '^#(?:[0-9a-fA-F]{3}){1,2}$' }, // hex colour
  { pattern: '^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$' }, // IBAN
  { pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, // ISO date as text
  { pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' }, // UUID as text
  { pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$' }, // 24-hour time
  { pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' }, // JDL sample: replyEmail
  { pattern: '^[A-Z][a-z]+\\d$' }, // JDL documentation example
  { pattern: '^[A-Z]{3}-[0-9]{4}$' }, // JDL sku example
  { pattern: '^[a-zA-Z0-9]*$' }, // JHipster field test entity
  { pattern: '\\S+' }, // JDL documentation: unanchored
  { pattern: '[a-zA-Z]+', minLength: 4 }, // unanchored, shorter than minLength: padded
  { pattern: '^(?=.*[A-Z])(?=.*\\d)[A-Za-z\\d]{8,}$' }, // password rule with lookaheads
  { pattern: '^[À-ÿ]+$' }, // Latin-1 letters only
  { pattern: '^\\w+(\\.\\w+)*$', maxLength: 20 },
  { pattern: '^(red|green|blue)-\\d$' },
  { pattern: '^[^,;]{2,5}$' },
  { pattern: '^\\d{11}$' }, // PESEL
  { pattern: '^[A-Z0-9\\-_]+$' },
];

function python(cases: readonly { pattern: string; value: string }[]): { full: boolean; search: boolean }[] {
  const script = 'import json, re, sys\nprint(json.dumps([{"full": re.fullmatch(c["pattern"], c["value"]) is not None, "search": re.search(c["pattern"], c["value"]) is not None} for c in json.load(sys.stdin)]))';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { full: boolean; search: boolean }[];
}

/**
 * java.util.regex on the same pairs: `find` (a search) on the pattern, and `matches` (what @Pattern does) on
 * a whole-value form (by default the one the Java stack annotates). One JVM for the whole table; lines are
 * pattern TAB whole-value form TAB value in base64.
 */
function java(cases: readonly { pattern: string; value: string }[], whole = wholeValuePattern): { find: boolean; matches: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'cb-java-re-'));
  try {
    const source = join(dir, 'Check.java');
    writeFileSync(source, [
      'import java.util.regex.Pattern;',
      'public class Check { public static void main(String[] a) throws Exception {',
      '  for (String line : new String(System.in.readAllBytes(), "UTF-8").split("\\n")) {',
      '    String[] p = line.split("\\t", -1);',
      '    String v = new String(java.util.Base64.getDecoder().decode(p[2]), "UTF-8");',
      '    System.out.println(Pattern.compile(p[0]).matcher(v).find() + " " + Pattern.compile(p[1]).matcher(v).matches());',
      '  } } }',
    ].join('\n'));
    // Values in base64, so that one with a line terminator stays on its line.
    const input = cases.map((c) => [c.pattern, whole(c.pattern), Buffer.from(c.value).toString('base64')].join('\t')).join('\n');
    const run = spawnSync('java', [source], { input, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout.trim().split('\n').map((l) => ({ find: l.startsWith('true'), matches: l.endsWith('true') }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pattern samples', () => {
  const table = PATTERNS.map((p) => ({ ...p, values: patternSamples(p.pattern, p, SAMPLE_ROWS) }));
  const checks = table.flatMap((p) => p.values.map((value) => ({ pattern: p.pattern, value })));
  const py = python(checks);
  const jv = java(checks);

  it.each(table)('$pattern yields distinct matching values within the limits', (p) => {
    expect(unportableConstructs(p.pattern)).toEqual([]);
    expect(p.values).toHaveLength(SAMPLE_ROWS);
    expect(new Set(p.values).size).toBe(SAMPLE_ROWS);
    const anchored = p.pattern.startsWith('^') && p.pattern.endsWith('$');
    for (const v of p.values) {
      expect(new RegExp(p.pattern, 'u').test(v), v).toBe(true);
      expect([...v].length).toBeGreaterThanOrEqual(p.minLength ?? 0);
      expect([...v].length).toBeLessThanOrEqual(p.maxLength ?? 255);
      const i = checks.findIndex((c) => c.pattern === p.pattern && c.value === v);
      expect(py[i]!.search, `python re.search(${p.pattern}, ${v})`).toBe(true);
      if (anchored) expect(py[i]!.full, `python re.fullmatch(${p.pattern}, ${v})`).toBe(true);
      expect(jv[i], `java find/matches(${p.pattern}, ${v})`).toEqual({ find: true, matches: true });
    }
  });

  it('varies the free parts and keeps the fixed ones', () => {
    expect(patternSamples('^[A-Z]{3}-[0-9]{4}$', {}, 3)).toEqual(['AAA-0000', 'AAA-0001', 'AAA-0002']);
    expect(patternSamples('^(yes|no)$', {}, 8)).toEqual(['no', 'yes']);
  });

  it('pads an unanchored match up to minLength, after it or before it', () => {
    expect(patternSamples('[0-9]{2}', { minLength: 5 }, 1)).toEqual(['00xxx']);
    expect(patternSamples('[0-9]{2}$', { minLength: 5 }, 1)).toEqual(['xxx00']);
    expect(samplePattern('^[0-9]{2}$', { minLength: 5 }, 1)).toEqual({ values: [], exhaustive: true });
  });

  it('honours the length limits, or yields nothing when no value fits them', () => {
    expect(patternSamples('^[a-z]+$', { minLength: 6, maxLength: 6 }, 1)).toEqual(['aaaaaa']);
    expect(samplePattern('^[a-z]{300}$', { maxLength: 255 }, 1)).toEqual({ values: [], exhaustive: true });
    expect(samplePattern('^(ab)+$', { minLength: 3, maxLength: 3 }, 1)).toEqual({ values: [], exhaustive: true });
  });

  it('says when it could not search everything (lookaheads)', () => {
    expect(samplePattern('^(?=a)b$', {}, 1)).toEqual({ values: [], exhaustive: false });
  });
});

describe('sampleValue of a patterned field', () => {
  const field = (over: Partial<FieldSpec>): FieldSpec => ({ name: 'code', type: 'string', required: true, unique: false, index: false, maxLength: 255, ...over });

  it('gives each seed its own value, and unique fields never repeat one', () => {
    const f = field({ pattern: '^[A-Z]{2}-\\d{3}$', unique: true });
    const values = Array.from({ length: SAMPLE_ROWS }, (_, i) => sampleValue(f, i));
    expect(new Set(values).size).toBe(SAMPLE_ROWS);
    expect(values[0]).toBe('AA-000');
  });

  it('repeats values of a narrow pattern only for fields that are not unique', () => {
    expect(sampleValue(field({ pattern: '^(yes|no)$' }), 2)).toBe('no');
    expect(sampleValue(field({ pattern: '^(yes|no)$', unique: true }), 2)).toBeUndefined();
  });
});

describe('samples of an email or url field with its own pattern', () => {
  const email = new RegExp(FORMAT_RULES.email.pattern, 'u');
  const url = new RegExp(FORMAT_RULES.url.pattern, 'u');

  it.each([
    ['email', '^[a-z]+\\.[a-z]+', 254], // a name at the start: the pattern alone gives no address
    ['email', 'corp', 254], // unanchored: the match sits in the local part
    ['email', '@acme\\.(com|org)$', 254], // the domain fixed, the local part free
    ['email', '^[a-z]{2,8}@[a-z]{3,6}\\.(de|fr)$', 40],
    ['url', '^https://', 2048], // the pattern alone ("https://") is no URL
    ['url', '\\.pdf$', 2048],
    ['url', 'example', 30],
  ] as const)('%s with pattern %s: every value matches both rules', (format, pattern, maxLength) => {
    const { values } = samplePattern(pattern, { maxLength }, SAMPLE_ROWS, format);
    expect(values).toHaveLength(SAMPLE_ROWS);
    for (const v of values) {
      expect(v).toMatch(new RegExp(pattern, 'u'));
      expect(v).toMatch(format === 'email' ? email : url);
      expect([...v].length).toBeLessThanOrEqual(maxLength);
    }
  });

  it('gives the patterned email field of a model values that are email addresses', () => {
    const f: FieldSpec = { name: 'contact', required: true, unique: true, index: false, type: 'email', maxLength: 254, pattern: '^[a-z]+\\.[a-z]+' };
    const values = Array.from({ length: SAMPLE_ROWS }, (_, i) => sampleValue(f, i));
    expect(new Set(values).size).toBe(SAMPLE_ROWS);
    for (const v of values) expect(v).toMatch(email);
  });

  it('finds nothing when no email address or URL matches the pattern', () => {
    expect(samplePattern('^[a-z]+$', { maxLength: 254 }, SAMPLE_ROWS, 'email').values).toEqual([]);
    expect(samplePattern('^ftp://[a-z]+$', { maxLength: 2048 }, SAMPLE_ROWS, 'url').values).toEqual([]);
  });
});

describe('pattern subset', () => {
  it.each([
    ['(?<=a)b', 'a lookbehind "(?<="', 1],
    ['^x(?<!a)b', 'a lookbehind "(?<!"', 3],
    ['^(?<year>\\d{4})$', 'a named group "(?<year>"', 2],
    ['^(a)\\1$', 'a backreference "\\\\1"', 5],
    ['^(?i:abc)$', 'an inline modifier "(?i:"', 2],
    ['^\\p{L}+$', 'a Unicode property escape "\\\\p{L}"', 2],
    ['^\\u{1F600}$', 'a code point escape "\\\\u{1F600}"', 2],
    ['^\\cJ$', 'a control-character escape "\\\\cJ"', 2],
    ['^a\\vb$', 'the escape "\\\\v"', 3],
    ['^[a[]$', 'an unescaped bracket in a class "["', 4],
    ['^[a&&b]$', 'the doubled "&&" in the class "[a&&b]"', 2],
    ['^[^]$', 'an empty class "[^]"', 2],
  ])('%s: refuses %s at character %i', (pattern, construct, at) => {
    expect(unportableConstructs(pattern)).toEqual([expect.objectContaining({ construct, at })]);
  });

  it('accepts the constructs all three engines read alike', () => {
    for (const p of ['^[A-Za-z0-9._%+-]+@[a-z]+\\.[a-z]{2,}$', '^(?:a|b)*?c+$', '(?=\\d)\\w+\\b', '^\\x41\\u0042[\\-\\]]\\.$', '^\\s*\\S+\\D\\W$']) {
      expect(unportableConstructs(p), p).toEqual([]);
    }
  });
});

describe('wholeValuePattern (for engines that match the whole value, like Java\'s @Pattern)', () => {
  it.each(['\\S+', '[a-z]', '^abc', 'abc$', '^a|b$', '^[A-Z]{2}$', '^(?:a|b)$'])('%s matches whole values exactly where the pattern finds a match', (p) => {
    const whole = new RegExp(`^(?:${wholeValuePattern(p)})$`, 'u');
    for (const v of ['', ' ', 'a', 'abc', ' abc ', 'xabc', 'abcx', 'AB', 'AB\n', 'b', '\nb', '0a0']) {
      expect(whole.test(v), JSON.stringify(v)).toBe(new RegExp(p, 'u').test(v));
    }
  });
  it('keeps a pattern anchored at both ends as written', () => {
    expect(wholeValuePattern('^[A-Z]{2}$')).toBe('^[A-Z]{2}$');
    expect(wholeValuePattern('^(?:a|b)$')).toBe('^(?:a|b)$');
  });
});

describe('the server-side pattern of Python, Java, Go and Ruby (ECMA-262 meaning)', () => {
  // Constructs the engines read differently beyond the real-world table: word boundaries, `.`, `\s` in and out
  // of classes, negated escapes in classes.
  const CONSTRUCTS = ['\\bfoo\\b', '^\\s+$', '^[\\s\\d]+$', '^[^\\S\\n]+$', '^.+$', '^a\\B.$', '^[\\w-]+$', '^[\\S@]+$', '^[^\\d\\s]+$', '^\\D\\W\\S$'];
  // Each sample, and the same text with a line terminator before or after it (`$` must not match before a
  // final newline, as `re` and java.util.regex let it), and with Unicode digits, letters and spaces in place of
  // ASCII ones: ECMA-262 reads `\d`, `\w` and `\b` as ASCII and `\s` as Unicode spaces (not U+001C or U+0085).
  const variants = (v: string): string[] => [
    v, `${v}\n`, `${v}\r\n`, `\n${v}`, `${v}\nx`,
    v.replace(/[0-9]/g, (d) => String.fromCharCode(0x660 + Number(d))), // ARABIC-INDIC DIGIT
    v.replace(/[a-z]/g, 'é'), v.replace(/[A-Z]/g, 'Ä'), v.replace(/ /g, '\u00a0'), v.replace(/ /g, '\u001c'),
    `${v}\u0085`, `${v}\u2028`, `\ufeff${v}`, `${v}\u3000`,
  ];
  const UNICODE = ['١٢٣', 'é', 'fooé', 'éfoo', 'foo', 'a b', 'a\u00a0b', '\u00a0', '\u001c', '\u0085', '\u2028', '\ufeff', '\u3000', '\r', 'ab', 'aé', 'a\u0085', 'x@y', 'Ä_1', '\t'];
  const cases = [
    ...PATTERNS.flatMap((p) => patternSamples(p.pattern, p, 3).flatMap(variants).map((value) => ({ pattern: p.pattern, value }))),
    ...CONSTRUCTS.flatMap((pattern) => UNICODE.map((value) => ({ pattern, value }))),
  ];
  const patterns = [...PATTERNS.map((p) => p.pattern), ...CONSTRUCTS];
  const py = python(cases.map((c) => ({ pattern: pythonPattern(c.pattern), value: c.value })));
  const jv = java(cases, javaPattern);
  const gov = goSearch(cases.filter((c) => !/\(\?[=!]/.test(c.pattern)).map((c) => ({ pattern: goPattern(c.pattern), value: c.value })));
  const rb = rubySearch(cases.map((c) => ({ pattern: rubyPattern(c.pattern), value: c.value })));

  it.each(patterns)('%s: Python re.search, Java matches, Go MatchString and Ruby match? agree with JavaScript', (pattern) => {
    let g = 0;
    cases.forEach((c, i) => {
      const lookaround = /\(\?[=!]/.test(c.pattern);
      const goResult = gov && !lookaround ? gov[g++] : undefined;
      if (c.pattern !== pattern) return;
      const ecma = new RegExp(pattern, 'u').test(c.value);
      expect(py[i]!.search, `python ${pythonPattern(pattern)} on ${JSON.stringify(c.value)}`).toBe(ecma);
      expect(jv[i]!.matches, `java ${javaPattern(pattern)} on ${JSON.stringify(c.value)}`).toBe(ecma);
      if (goResult !== undefined) expect(goResult, `go ${goPattern(pattern)} on ${JSON.stringify(c.value)}`).toBe(ecma);
      if (rb) expect(rb[i], `ruby ${rubyPattern(pattern)} on ${JSON.stringify(c.value)}`).toBe(ecma);
    });
  });

  it('ran Ruby where Ruby is installed (CI installs it for the ruby stack)', () => {
    if (process.env.CI) expect(rb).not.toBeNull();
  });

  it('anchors Ruby patterns at the ends of the value, not of a line (Onigmo reads ^ and $ per line)', () => {
    expect(rubyPattern('^[a-z]+$')).toBe('\\A[a-z]+\\z');
    expect(rubyPattern('[$^]')).toBe('[$^]');
  });

  it('ran Go where a Go toolchain is installed (CI has one)', () => {
    if (process.env.CI) expect(gov).not.toBeNull();
  });

  it('refuses a trailing newline where $ ends the pattern, and Unicode digits where \\d stands', () => {
    const at = (pattern: string, value: string) => cases.findIndex((c) => c.pattern === pattern && c.value === value);
    const i = at('^[A-Z]{2}$', 'AA\n');
    expect([py[i]!.search, jv[i]!.matches]).toEqual([false, false]);
    const j = at('^\\d{11}$', '٠٠٠٠٠٠٠٠٠٠٠');
    expect(j).toBeGreaterThanOrEqual(0);
    expect([py[j]!.search, jv[j]!.matches]).toEqual([false, false]);
    const k = at('^\\s+$', '\u00a0');
    expect([py[k]!.search, jv[k]!.matches]).toEqual([true, true]);
  });

  it.each([
    ['^[A-Z]{2}$', '^[A-Z]{2}\\Z', '^[A-Z]{2}$'],
    ['[0-9]{2}$', '[0-9]{2}\\Z', '[\\s\\S]*(?:[0-9]{2}(?![\\s\\S]))[\\s\\S]*'],
    ['^(a$|b)c?$', '^(a\\Z|b)c?\\Z', '^(a$|b)c?$'],
    ['^\\$[$]\\\\$', '^\\$[$]\\\\\\Z', '^\\$[$]\\\\$'],
    ['^\\d+$', '^[0-9]+\\Z', '^\\d+$'],
    ['^[\\w.]$', '^[\\x2E0-9A-Z_a-z]\\Z', '^[\\w.]$'],
    ['^a.b$', '^a[^\\x0A\\x0D\\u2028\\u2029]b\\Z', '^a[^\\x0A\\x0D\\u2028\\u2029]b$'],
  ])('%s: only constructs read differently change (Python %s, Java %s)', (pattern, py, jv) => {
    expect(pythonPattern(pattern)).toBe(py);
    expect(javaPattern(pattern)).toBe(jv);
  });

  it('keeps Go patterns as written where RE2 reads them as ECMA-262 does ($, \\d, \\w, \\b)', () => {
    expect(goPattern('^\\d{3}\\b\\w$')).toBe('^\\d{3}\\b\\w$');
    expect(goPattern('^\\S$')).toBe('^[^\\x09-\\x0D\\x20\\xA0\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]$');
  });

  it('says which patterns reach Java unchanged (those springdoc documents as written)', () => {
    expect(javaKeepsPattern('^[A-Z]{2}$')).toBe(true);
    expect(javaKeepsPattern('\\S+')).toBe(false);
    expect(javaKeepsPattern('^\\s$')).toBe(false);
  });
});

describe('the invalid value every stack posts for a pattern', () => {
  const field = (over: Partial<FieldSpec>): FieldSpec => ({ name: 'code', type: 'string', required: false, unique: false, index: false, maxLength: 255, ...over });
  const mismatch = (f: FieldSpec) => JSON.parse(invalidSamples(f).find((s) => s.reason.startsWith('not matching the pattern'))!.json) as string;

  it.each([
    field({ pattern: '\\S+' }),
    field({ pattern: '^[A-Z]{1,2}[0-9] ?[0-9][A-Z]{2}$', maxLength: 8 }),
    field({ pattern: '^[a-z!]+$', minLength: 3, maxLength: 5 }),
    field({ pattern: '[^!]' }),
  ])('$pattern: does not match, and fits minLength/maxLength so the pattern is what fails', (f) => {
    const v = mismatch(f);
    expect(new RegExp(f.pattern!, 'u').test(v), JSON.stringify(v)).toBe(false);
    expect(v.length).toBeGreaterThanOrEqual(f.minLength ?? 0);
    expect(v.length).toBeLessThanOrEqual(f.maxLength!);
  });
});
