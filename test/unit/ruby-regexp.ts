import { spawnSync } from 'node:child_process';

/**
 * Ruby's Onigmo `Regexp#match?`, a search, as the generated Ruby projects check patterns (Regexp.new on the
 * translation), over pattern-value pairs in one `ruby` process; null when Ruby is not installed. The cross-engine
 * tests of patterns and of the email/url rules both ask Ruby this way.
 */
export function rubySearch(cases: readonly { pattern: string; value: string }[]): boolean[] | null {
  if (spawnSync('ruby', ['--version']).status !== 0) return null;
  const script = 'require "json"; puts JSON.generate(JSON.parse($stdin.read).map { |c| Regexp.new(c["pattern"]).match?(c["value"]) })';
  const run = spawnSync('ruby', ['-e', script], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as boolean[];
}
