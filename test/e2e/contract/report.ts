import type { ProbeResult } from './types.js';

/** Thrown by `Probe.require` to stop a probe whose later steps depend on the failed condition. */
export class ProbeFailure extends Error {}
class ProbeSkipped extends Error {}

/** Collects the problems of one probe; soft `check`s keep going so one run reports every mismatch. */
export class Probe {
  readonly problems: string[] = [];

  check(condition: unknown, message: string): boolean {
    if (!condition) this.problems.push(message);
    return Boolean(condition);
  }

  require(condition: unknown, message: string): asserts condition {
    if (!condition) throw new ProbeFailure(message);
  }

  addAll(messages: readonly string[]): void {
    this.problems.push(...messages);
  }

  fail(message: string): never {
    throw new ProbeFailure(message);
  }

  skip(reason: string): never {
    throw new ProbeSkipped(reason);
  }
}

export class Recorder {
  readonly probes: ProbeResult[] = [];
  constructor(private readonly log: (line: string) => void) {}

  /** Runs one probe; any exception (timeout, refused connection, failed setup) fails it without stopping the run. */
  async run(name: string, body: (p: Probe) => Promise<string | void> | string | void): Promise<boolean> {
    const p = new Probe();
    let result: ProbeResult;
    try {
      const detail = await body(p);
      result = p.problems.length === 0
        ? { name, ok: true, detail: detail ?? '' }
        : { name, ok: false, detail: p.problems.join('; ') };
    } catch (error) {
      if (error instanceof ProbeSkipped) {
        result = { name, ok: true, skipped: true, detail: error.message };
      } else {
        const message = error instanceof Error ? error.message : String(error);
        result = { name, ok: false, detail: [...p.problems, message].join('; ') };
      }
    }
    this.add(result);
    return result.ok;
  }

  skip(name: string, reason: string): void {
    this.add({ name, ok: true, skipped: true, detail: reason });
  }

  private add(result: ProbeResult): void {
    this.probes.push(result);
    const mark = result.skipped ? 'SKIP' : result.ok ? 'ok  ' : 'FAIL';
    this.log(`${mark} ${result.name}${result.detail ? ` — ${result.detail}` : ''}`);
  }
}
