import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goSearch } from './go-regexp.js';
import { rubySearch } from './ruby-regexp.js';
import { TEXT_FORMATS } from '../../src/model/text-formats.js';
// The generated Node project's validator and rules, static files of the node pack, run as they are generated.
import { validatorCompiler } from '../../templates/node/files/src/http/validation.js';
import { EMAIL_RULE, URL_RULE } from '../../templates/node/files/src/http/formats.js';

/**
 * `email` and `url` fields mean the same on every stack: each server checks its engine's translation of one
 * ECMA-262 rule (src/model/text-formats.ts), Node with JavaScript's RegExp, Python with `re.search`, Java with
 * @Pattern's whole-value `matches`, Go with `regexp.MatchString`. The table holds the values where libraries
 * disagree; every engine must give the answer in the table. Node's rules are a static file of its pack: the
 * first test holds them to the shared text.
 */
const EMAILS: ReadonlyArray<readonly [string, boolean]> = [
  ['ada@example.com', true],
  ['first.last+tag@mail.example.co.uk', true],
  ["o'brien!#$%&*/=?^_`{|}~-@example.org", true],
  ['"john..doe"@example.com', true], // quoted local part without spaces
  ['josé@exämple.com', true], // IDN (RFC 6531)
  ['用户@例子.广告', true],
  ['user@xn--bcher-kva.example', true],
  ['a@b.c', true],
  ['ada@example.com\n', false], // a final newline: `$` in re and java.util.regex would let it through
  ['\nada@example.com', false],
  ['ada@example.com ', false],
  [' ada@example.com', false],
  ['ada lovelace@example.com', false],
  ['"john doe"@example.com', false], // quoted local part with a space
  ['ada@exa mple.com', false],
  ['ada\u00a0@example.com', false], // a no-break space (ECMA-262's \s, not ASCII's)
  ['ada@example.com\u2028', false],
  ['ada\u0000@example.com', false], // a control character
  ['ada\u007f@example.com', false],
  ['ada\u0085@example.com', false], // NEL: a C1 control that no engine reads as a space alike
  ['ada@example', false], // no dot in the domain
  ['ada@@example.com', false],
  ['ada@ex@ample.com', false],
  ['@example.com', false],
  ['ada@', false],
  ['ada@.example.com', false],
  ['ada@example.com.', false],
  ['ada@example..com', false],
  ['example.com', false],
  ['mailto:ada@example.com', true], // `:` is allowed in a local part (quoted, strictly); the rule keeps to the shape
  ['', false],
  [`${'a'.repeat(5000)}@example.com`, true], // length is maxLength's business, not the rule's
  [`a@b${'.c'.repeat(126)}`, true], // 127 labels: DNS's maximum
  [`a@b${'.c'.repeat(127)}`, false],
  [`a@b${'.c'.repeat(100_000)}`, false], // a long refusal: no stack overflow, no quadratic backtracking
];

const URLS: ReadonlyArray<readonly [string, boolean]> = [
  ['https://example.com', true],
  ['http://example.com/', true],
  ['https://example.com:8443/a/b?c=d&e=f#g', true],
  ['https://user:pass@example.com/', true],
  ['http://[::1]:8080/', true],
  ['http://[2001:db8::1]/', true],
  ['http://127.0.0.1/', true],
  ['https://exämple.com/päth', true], // unicode host and path (an IRI, as browsers take it)
  ['https://例子.广告/', true],
  ['https://example.com/%E2%82%AC', true],
  ['https://example.com?q', true],
  ['https://example.com#top', true],
  ['https://example.com\n', false], // a final newline
  ['https://example.com/\r\n', false],
  ['http://[x', false], // a bracket that never closes
  ['http://[x]/', false],
  ['http://[0]/', false], // no IPv6 address: Python's urlsplit (and schemathesis reading it back) refuses it
  ['http://[1:2:3]/', false],
  ['http://[::]/', true],
  ['http://[fe80::1:2]:80/x', true],
  ['http://]/', false],
  ['example.com', false], // no scheme
  ['//example.com', false],
  ['www.example.com/path', false],
  ['mailto:ada@example.com', false], // not http(s)
  ['ftp://example.com/', false],
  ['javascript:alert(1)', false],
  ['HTTPS://EXAMPLE.COM', false], // the scheme is lower case
  ['https://exa mple.com/', false],
  ['https://example.com/a b', false],
  ['https://example.com/\u00a0', false],
  [' https://example.com', false],
  ['https://example.com/\u0000', false],
  ['https://', false],
  ['https:///path', false],
  ['https://@example.com', false],
  ['https://example.com:port/', false],
  ['https://example.com:123456/', false],
  ['https://example.com:80:90/', false],
  ['', false],
  [`https://example.com/${'a'.repeat(100_000)}`, true], // length is maxLength's business
  [`https://example.com/${'a'.repeat(100_000)} `, false], // a long refusal in linear time
  [`https://${'a@'.repeat(50_000)}`, false],
];

type Case = { readonly pattern: string; readonly value: string };

function pythonSearch(cases: readonly Case[]): boolean[] {
  const script = 'import json, re, sys\nprint(json.dumps([re.search(c["pattern"], c["value"]) is not None for c in json.load(sys.stdin)]))';
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as boolean[];
}

/** @Pattern's check: `matches` on the whole value. Lines are pattern TAB value, both in base64. */
function javaMatches(cases: readonly Case[]): boolean[] {
  const dir = mkdtempSync(join(tmpdir(), 'cb-java-format-'));
  try {
    const source = join(dir, 'Check.java');
    writeFileSync(source, [
      'import java.util.Base64;',
      'import java.util.regex.Pattern;',
      'public class Check { public static void main(String[] a) throws Exception {',
      '  for (String line : new String(System.in.readAllBytes(), "UTF-8").split("\\n")) {',
      '    String[] p = line.split("\\t", -1);',
      '    String pattern = new String(Base64.getDecoder().decode(p[0]), "UTF-8");',
      '    String value = new String(Base64.getDecoder().decode(p[1]), "UTF-8");',
      '    System.out.println(Pattern.compile(pattern).matcher(value).matches());',
      '  } } }',
    ].join('\n'));
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const run = spawnSync('java', [source], { input: cases.map((c) => `${b64(c.pattern)}\t${b64(c.value)}`).join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout.trim().split('\n').map((l) => l === 'true');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each engine runs in a process of its own (a JVM, `go run`): seconds each on a busy machine. */
const ENGINE_TIMEOUT = 120_000;

const show = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v);

/** A body with one field of the format, through the generated project's validator (ajv, as Fastify runs it). */
function nodeAccepts(format: 'email' | 'uri'): (value: string) => boolean {
  const schema = { type: 'object', properties: { field: { type: 'string', format } } };
  const validate = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '/api/things' }) as unknown as (data: unknown) => boolean;
  return (value) => validate({ field: value });
}

describe.each([
  ['email', TEXT_FORMATS.email, EMAILS, EMAIL_RULE, 'email'],
  ['url', TEXT_FORMATS.url, URLS, URL_RULE, 'uri'],
] as const)('the %s rule', (_name, rule, table, nodeRule, format) => {
  it('is the node pack\'s rule (src/http/formats.ts)', () => {
    expect(nodeRule.source).toBe(new RegExp(rule.pattern, 'u').source);
    expect(nodeRule.flags).toBe('u');
  });

  it('the node project\'s validator gives the table', () => {
    const accepts = nodeAccepts(format);
    for (const [value, expected] of table) expect(accepts(value), show(value)).toBe(expected);
  });

  it('Python re.search on its translation gives the table', () => {
    const got = pythonSearch(table.map(([value]) => ({ pattern: rule.python, value })));
    table.forEach(([value, expected], i) => expect(got[i], show(value)).toBe(expected));
  }, ENGINE_TIMEOUT);

  it('java.util.regex matches on its translation gives the table', () => {
    const got = javaMatches(table.map(([value]) => ({ pattern: rule.java, value })));
    table.forEach(([value, expected], i) => expect(got[i], show(value)).toBe(expected));
  }, ENGINE_TIMEOUT);

  it.skipIf(spawnSync('ruby', ['--version']).status !== 0)('Ruby Regexp#match? on its translation gives the table', () => {
    const got = rubySearch(table.map(([value]) => ({ pattern: rule.ruby, value })))!;
    table.forEach(([value, expected], i) => expect(got[i], show(value)).toBe(expected));
  }, ENGINE_TIMEOUT);

  it.skipIf(spawnSync('go', ['version']).status !== 0)('Go regexp on its translation gives the table', () => {
    const got = goSearch(table.map(([value]) => ({ pattern: rule.go, value })))!;
    table.forEach(([value, expected], i) => expect(got[i], show(value)).toBe(expected));
  }, ENGINE_TIMEOUT);
});
