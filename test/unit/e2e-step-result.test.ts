import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { assertOk, sh } from '../e2e/harness.js';

describe('e2e harness: a step that does not succeed', () => {
  it('stopped at its time limit says so, with the limit, instead of "exit undefined"', async () => {
    const run = await execa('sh', ['-c', 'echo started; exec sleep 5'], { all: true, reject: false, timeout: 300 });
    expect(() => assertOk(run, 'project tests (mvn test)')).toThrow(/^project tests \(mvn test\) was stopped at its time limit after \d+ s \(E2ECase.stepTimeoutScale raises it\):\nstarted/);
  });

  it('that fails names its exit code and keeps its output', async () => {
    const run = await execa('sh', ['-c', 'echo broken; exit 3'], { all: true, reject: false });
    expect(() => assertOk(run, 'migrate')).toThrow(/^migrate failed with exit 3:\nbroken/);
  });

  it('that succeeds passes', async () => {
    expect(() => assertOk({ exitCode: 0, all: '' }, 'lint')).not.toThrow();
  });
});

describe('e2e harness: a step at its time limit', () => {
  it('stops the processes the step started, not only its shell', async () => {
    // The grandchild keeps the output pipe open: if only `sh` were stopped the step would wait the 20 s out.
    const started = Date.now();
    const result = await sh('sh -c "sleep 20"; echo after', process.cwd(), {}, 500);
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(() => assertOk(result, 'project tests')).toThrow(/was stopped at its time limit/);
  });
});
