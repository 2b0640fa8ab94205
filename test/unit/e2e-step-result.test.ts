import { describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { assertOk, sh, startLimit, startServer, SERVER_START_LIMIT } from '../e2e/harness.js';

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

describe('e2e harness: a server that does not start', () => {
  it('that exits says so at once, with the tail of its output', async () => {
    const started = Date.now();
    const lines = Array.from({ length: 100 }, (_, i) => `echo line ${i + 1}`).join('; ');
    const start = startServer(process.cwd(), `${lines}; exit 2`, {}, 60_000);
    await expect(start).rejects.toThrow(/^server exited with 2 after \d+ s, before it answered \/health at http:\/\/127\.0\.0\.1:\d+; its output:\n\(last 60 of 100 lines\)\nline 41\n[\s\S]*\nline 100$/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('that hangs is stopped at its limit, which the error names, with what it printed', async () => {
    await expect(startServer(process.cwd(), 'echo booting; exec sleep 30', {}, 1000)).rejects.toThrow(
      /^server did not become healthy at http:\/\/127\.0\.0\.1:\d+ within 1 s \(still running, stopped now\); its output:\nbooting$/,
    );
  });

  it("waits longer than a loaded machine's Spring Boot start, and adds the build when the start command builds first", () => {
    expect(SERVER_START_LIMIT).toBeGreaterThanOrEqual(180_000);
    expect(startLimit({ start: 'java -jar target/app.jar', build: './mvnw -q -B -DskipTests package' })).toBe(SERVER_START_LIMIT);
    expect(startLimit({ start: 'npm run build && npm start', build: 'npm run build' })).toBeGreaterThan(SERVER_START_LIMIT);
  });
});
