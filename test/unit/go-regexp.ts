import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Go's regexp (RE2) `MatchString`, a search, over pattern-value pairs in one `go run`; null when no Go toolchain
 * is installed. The cross-engine tests of patterns and of the email/url rules both ask Go this way.
 */
export function goSearch(cases: readonly { pattern: string; value: string }[]): boolean[] | null {
  if (spawnSync('go', ['version']).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'cb-go-re-'));
  try {
    const source = join(dir, 'check.go');
    writeFileSync(source, [
      'package main',
      'import ("encoding/json"; "fmt"; "os"; "regexp")',
      'func main() {',
      '  var cases []struct{ Pattern, Value string }',
      '  if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil { panic(err) }',
      '  out := []bool{}',
      '  for _, c := range cases { out = append(out, regexp.MustCompile(c.Pattern).MatchString(c.Value)) }',
      '  b, _ := json.Marshal(out); fmt.Println(string(b))',
      '}',
    ].join('\n'));
    const input = JSON.stringify(cases.map((c) => ({ Pattern: c.pattern, Value: c.value })));
    const run = spawnSync('go', ['run', source], { input, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'off' } });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as boolean[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
