import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { assertCompleteProject, BIN, cleanEnv, QUICK, requireBuild, SHOP, stagingLeftovers, tempRoot } from './helpers.js';

/**
 * Ctrl-C during a real generation (the 6-entity fixture): whenever it lands, the target is either absent or
 * complete (every manifest file present with its hash), no staging folder is left, and the exit is 130
 * (or 0 when the write had already finished; a signal before our handler is installed kills the process
 * the way a shell reports as 130).
 */
requireBuild();
const next = tempRoot('interrupt');
const DELAYS = [0, 30, 60, 100, 200, 300, 400, 500, 700];

describe('SIGINT', () => {
  it.each(DELAYS)('%i ms after spawn: nothing or everything, no staging left', async (delay) => {
    const cwd = next();
    const child = execa(process.execPath, [BIN, 'api', '--config', SHOP, ...QUICK], { cwd, reject: false, env: cleanEnv(), extendEnv: false, stdin: 'ignore', timeout: 20_000 });
    await sleep(delay);
    child.kill('SIGINT');
    const r = await child;
    expect(r.timedOut).toBe(false);
    const code = r.exitCode ?? (r.signal === 'SIGINT' ? 130 : -1);
    expect([0, 130], `exit ${r.exitCode} signal ${r.signal}\n${String(r.stderr)}`).toContain(code);
    const target = join(cwd, 'api');
    if (existsSync(target)) assertCompleteProject(target);
    else if (r.exitCode === 130) expect(String(r.stderr)).toMatch(/interrupted/);
    if (code === 0) expect(existsSync(target)).toBe(true);
    expect(stagingLeftovers(cwd)).toEqual([]);
  });

  it('an interrupt reported with --json is one JSON object with exitCode 130', async () => {
    // Wait until the process is running our code (its SIGINT handler is installed once main.js is loaded).
    const cwd = next();
    const child = execa(process.execPath, [BIN, 'api', '--config', SHOP, ...QUICK, '--json'], { cwd, reject: false, env: cleanEnv(), extendEnv: false, stdin: 'ignore', timeout: 20_000 });
    await sleep(400);
    child.kill('SIGINT');
    const r = await child;
    if (r.exitCode === 130) {
      const json = JSON.parse(String(r.stdout)) as { ok: boolean; exitCode: number };
      expect(json).toMatchObject({ ok: false, exitCode: 130 });
    } else if (r.exitCode === undefined) {
      expect(r.signal).toBe('SIGINT'); // killed before our handler was installed (or after it was removed)
    } else {
      expect(r.exitCode).toBe(0); // finished before the signal
    }
    if (existsSync(join(cwd, 'api'))) assertCompleteProject(join(cwd, 'api'));
    expect(stagingLeftovers(cwd)).toEqual([]);
  });
});
