import { run } from './exec.js';
import { venvBin } from './paths.js';

export interface CheckovFailure {
  readonly check: string;
  readonly name: string;
  readonly resource: string;
  readonly file: string;
}

export interface CheckovResult {
  readonly passed: number;
  readonly failed: readonly CheckovFailure[];
  readonly skipped: ReadonlyArray<{ check: string; resource: string; reason: string }>;
  readonly ms: number;
}

/**
 * checkov, offline (`--skip-download`: no platform calls), over one folder or file; null when not installed.
 * Scan folders outside dot-directories (such as .e2e): checkov skips files below a hidden folder for most frameworks.
 */
export function checkov(args: readonly string[]): CheckovResult | null {
  const bin = venvBin('checkov');
  if (!bin) return null;
  const r = run(bin, [...args, '--skip-download', '--output', 'json', '--compact'], { env: { BC_SKIP_MAPPING: 'TRUE', LOG_LEVEL: 'ERROR' } });
  if (r.code !== 0 && r.code !== 1) throw new Error(`checkov ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-4000)}`);
  const text = r.stdout.trim();
  const reports = text === '' || text === '[]' ? [] : ([] as unknown[]).concat(JSON.parse(text));
  let passed = 0;
  const failed: CheckovFailure[] = [];
  const skipped: Array<{ check: string; resource: string; reason: string }> = [];
  for (const report of reports as Array<{ results?: Record<string, Array<Record<string, unknown>>>; summary?: { passed: number } }>) {
    // An empty scan reports {passed: 0, failed: 0, ...} without results.
    const res = report.results ?? {};
    passed += report.summary?.passed ?? (res.passed_checks ?? []).length;
    for (const f of res.failed_checks ?? []) failed.push({ check: String(f.check_id), name: String(f.check_name), resource: String(f.resource), file: String(f.file_path) });
    for (const s of res.skipped_checks ?? []) skipped.push({ check: String(s.check_id), resource: String(s.resource), reason: String((s.check_result as { suppress_comment?: string } | undefined)?.suppress_comment ?? '') });
  }
  return { passed, failed, skipped, ms: r.ms };
}

export const describeFailures = (r: CheckovResult): string =>
  r.failed.map((f) => `${f.check} ${f.name}\n    ${f.resource} (${f.file})`).join('\n');
