import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { renderer, ROOT } from '../fixtures/render.js';

/**
 * The generated Ruby code runs on Rack 2 and Rack 3 (issue #16). Only Rack 2.2 installs on the machines that run
 * the generated specs, so what Rack 3 refuses is checked here, in the rendered source: response header names in
 * lower case (Rack 3 requires them), no Rack API that Rack 3 removed, no rewind of the request body (Rack 3's
 * input need not be rewindable), and Rack 2's HeaderHash only as the fallback where Rack::Headers is missing.
 */
/** The Ruby files of the shop project (every field type, auth, an owned entity), path => text. */
async function rubyShop(): Promise<Map<string, string>> {
  const shop = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/shop.resolved.json'), 'utf8')) as ResolvedConfig;
  const tree = (await renderer('ruby'))({ ...shop, stack: 'ruby' });
  return new Map([...tree.entries()].filter(([path]) => /\.(rb|ru)$/.test(path)).map(([path, content]) => [path, content.toString()]));
}

/** Hash keys and Sinatra header calls that name an HTTP header with a capital letter, e.g. 'Content-Type' =>. */
const MIXED_CASE_HEADER = /['"]((?:[A-Za-z0-9]+-)+[A-Za-z0-9]+|Location|Allow|Vary)['"]\s*=>/g;
const REMOVED_IN_RACK_3 = [
  /Rack::Utils\.(key_space_limit|best_q_match|byte_ranges|get_byte_ranges)\b/,
  /Rack::(File|Server|Handler|Lobster|ShowStatus)\b/,
  /\.rewind\b/,
  /env\[['"]rack\.(multithread|multiprocess|run_once|version|errors)['"]\]/,
];

describe('ruby: Rack 3 compatibility of the generated code', () => {
  it('names response headers in lower case and uses no API Rack 3 removed', async () => {
    const files = await rubyShop();
    expect(files.size).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [path, text] of files) {
      // openapi.rb describes headers in the document (where names are case-insensitive); it sends none.
      if (!path.endsWith('/openapi.rb')) {
        for (const [, name] of text.matchAll(MIXED_CASE_HEADER)) if (name !== name!.toLowerCase()) problems.push(`${path}: header ${name} is not lower case`);
      }
      for (const pattern of REMOVED_IN_RACK_3) if (pattern.test(text)) problems.push(`${path}: ${pattern.source}`);
      for (const line of text.split('\n').filter((l) => l.includes('HeaderHash') && !l.trim().startsWith('#'))) {
        if (!line.includes('defined?(Rack::Headers)')) problems.push(`${path}: HeaderHash without the Rack::Headers guard: ${line.trim()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
