import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startProgress } from '../../src/steps/progress.js';

/** Install progress: the tool's latest line and the elapsed time, redrawn on a terminal, periodic elsewhere. */
const stream = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, isTTY, columns: 60, write: (text: string) => chunks.push(text) };
};

describe('install progress', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('without a terminal: one plain line per period, only when the tool printed something new', () => {
    const out = stream(false);
    const p = startProgress('install', out, { now: () => clock });
    p.line('\u001b[32mCollecting fastapi\u001b[0m');
    advance(10_000);
    advance(10_000);
    p.line('Collecting sqlalchemy');
    p.line('   ');
    advance(10_000);
    p.stop();
    expect(out.chunks).toEqual(['  install 10s: Collecting fastapi\n', '  install 30s: Collecting sqlalchemy\n']);
  });

  it('on a terminal: a spinner line with the elapsed time and the current line, cut to the width, cleared at the end', () => {
    const out = stream(true);
    const p = startProgress('install', out, { now: () => clock });
    p.line(`Downloading ${'x'.repeat(100)}`);
    advance(1_000);
    const last = out.chunks.at(-1)!;
    expect(last).toMatch(/^\r\u001b\[2K. install 1s · Downloading x+$/);
    expect(last.length - '\r\u001b[2K'.length).toBe(59);
    p.stop();
    expect(out.chunks.at(-1)).toBe('\r\u001b[2K');
    const count = out.chunks.length;
    advance(5_000);
    expect(out.chunks.length).toBe(count);
  });
});
