import { join } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StackId } from '../../src/config/options.js';
import { TEXT_FORMATS } from '../../src/model/text-formats.js';
import { renderer, resolveSpec, ROOT } from '../fixtures/render.js';
import { rubyString } from '../../src/stacks/ruby/syntax.js';

/**
 * Every stack checks `email` and `url` fields with the shared rules (src/model/text-formats.ts) in its engine's
 * dialect, which test/unit/text-formats.test.ts runs on each engine: the rendered code holds exactly that text,
 * and no library check of its own beside it (ajv-formats' email/uri, @Email, net/mail, urlsplit).
 */
const spec = parse(readFileSync(join(ROOT, 'test/fixtures/patterns.yaml'), 'utf8')) as object;
const javaLiteral = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const EXPECTED: Record<StackId, { file: string; holds: string[]; lacks: RegExp[] }> = {
  node: {
    file: 'src/http/formats.ts',
    holds: [`/${new RegExp(TEXT_FORMATS.email.pattern, 'u').source}/u`, `/${new RegExp(TEXT_FORMATS.url.pattern, 'u').source}/u`],
    lacks: [],
  },
  python: { file: 'src/app/values.py', holds: [`r"${TEXT_FORMATS.email.python}"`, `r"${TEXT_FORMATS.url.python}"`], lacks: [/urlsplit/] },
  java: { file: 'src/main/java/com/example/patternshop/web/Patterns.java', holds: [javaLiteral(TEXT_FORMATS.email.java), javaLiteral(TEXT_FORMATS.url.java)], lacks: [] },
  go: { file: 'internal/resource/formats.go', holds: [`\`${TEXT_FORMATS.email.go}\``, `\`${TEXT_FORMATS.url.go}\``], lacks: [] },
  ruby: { file: 'lib/pattern_shop/resource/formats.rb', holds: [rubyString(TEXT_FORMATS.email.ruby), rubyString(TEXT_FORMATS.url.ruby)], lacks: [/URI::MailTo|URI\.parse|URI::DEFAULT_PARSER/] },
};

describe.each(['node', 'python', 'java', 'go', 'ruby'] as const)('%s: email and url fields', async (stack) => {
  const render = await renderer(stack);
  const { config } = resolveSpec(spec, { stack, database: 'sqlite' });
  const tree = render(config!);
  const text = (path: string) => tree.get(path)!.toString('utf8');
  const all = tree.paths().filter((p) => /\.(ts|py|java|go|rb)$/.test(p)).map(text).join('\n');

  it('are checked with the shared rules in the engine dialect', () => {
    const { file, holds } = EXPECTED[stack];
    for (const rule of holds) expect(text(file)).toContain(rule);
  });

  it('have no library rule of their own', () => {
    for (const lacking of EXPECTED[stack].lacks) expect(all).not.toMatch(lacking);
    expect(all).not.toMatch(/addFormats\(ajv, \[[^\]]*'(email|uri)'/);
    expect(all).not.toMatch(/mail\.ParseAddress|url\.Parse\(s\)/);
    if (stack === 'java') expect(all.replace(/record Credentials[\s\S]*?\{\}/, '')).not.toMatch(/@Email\b/);
  });
});
