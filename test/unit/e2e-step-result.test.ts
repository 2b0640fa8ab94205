import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { assertOk } from '../e2e/harness.js';

describe('e2e harness: a step that does not succeed', () => {
  it('stopped at its time limit says so, with the limit, instead of "exit undefined"', async () => {
    const run = await execa('sh', ['-c', 'echo started; exec sleep 5'], { all: true, reject: false, timeout: 300 });
    expect(() => assertOk(run, 'project tests (mvn test)')).toThrow(/^project tests \(mvn test\) was stopped at its time limit after 0 s \(E2ECase.stepTimeoutScale raises it\):\nstarted/);
  });

  it('that fails names its exit code and keeps its output', async () => {
    const run = await execa('sh', ['-c', 'echo broken; exit 3'], { all: true, reject: false });
    expect(() => assertOk(run, 'migrate')).toThrow(/^migrate failed with exit 3:\nbroken/);
  });

  it('that succeeds passes', async () => {
    expect(() => assertOk({ exitCode: 0, all: '' }, 'lint')).not.toThrow();
  });
});
