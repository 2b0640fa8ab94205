import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertCompleteProject, BIN, cleanEnv, requireBuild, STACK, tempRoot, treeHashes } from './helpers.js';

/** Interactive mode through a real pseudo-terminal (@lydell/node-pty): questions, validation, the equivalent command. */
requireBuild();
const next = tempRoot('prompts');
const pty = await import('@lydell/node-pty');

const KEY = { enter: '\r', down: '\x1b[B', backspace: '\x7f' };
const strip = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

function spawnCli(args: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const term = pty.spawn(process.execPath, [BIN, ...args], { cols: 200, rows: 50, cwd, env: Object.fromEntries(Object.entries(cleanEnv(env)).filter(([, v]) => v !== undefined)) as Record<string, string> });
  let output = '';
  let mark = 0;
  let exit: number | undefined;
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve((exit = exitCode))));
  term.onData((d) => (output += d));
  return {
    exited,
    get output() {
      return strip(output);
    },
    /** Waits until `pattern` appears in the output written since the last answer. */
    async waitFor(pattern: RegExp, timeout = 10_000): Promise<void> {
      const start = Date.now();
      while (!pattern.test(strip(output.slice(mark)))) {
        if (exit !== undefined || Date.now() - start > timeout) throw new Error(`waiting for ${pattern}; exit ${exit}; output:\n${strip(output).slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    send(keys: string): void {
      mark = output.length;
      term.write(keys);
    },
    kill: () => term.kill(),
  };
}

describe('interactive', () => {
  it('asks what is missing, validates names as they are entered, writes the project and prints the equivalent command', async () => {
    const cwd = next();
    const t = spawnCli(['--no-install', '--no-git'], cwd);
    try {
      await t.waitFor(/Project name/);
      t.send('pet-api' + KEY.enter);
      await t.waitFor(/Stack/);
      t.send((STACK === 'python' ? KEY.down : '') + KEY.enter);
      await t.waitFor(/Database/);
      t.send(KEY.enter); // sqlite, listed first
      await t.waitFor(/Cloud targets|Authentication/);
      if (/Cloud targets/.test(t.output.split('Database').at(-1)!)) {
        t.send(KEY.enter); // none selected: Docker only
        await t.waitFor(/Authentication/);
      }
      t.send(KEY.enter); // none
      await t.waitFor(/First entity name/);
      t.send('pet' + KEY.enter);
      await t.waitFor(/PascalCase, e\.g\. OrderItem/); // rejected, the question stays
      t.send(KEY.backspace.repeat(3) + 'Pet' + KEY.enter);
      await t.waitFor(/Pet: field name/);
      t.send('name' + KEY.enter);
      await t.waitFor(/name: type/);
      t.send(KEY.enter); // string
      await t.waitFor(/name: required\?/);
      t.send('y' + KEY.enter);
      await t.waitFor(/name: unique\?/);
      t.send(KEY.enter);
      await t.waitFor(/name: max length/);
      t.send(KEY.enter); // 255
      await t.waitFor(/Pet: field name/);
      t.send('age' + KEY.enter);
      await t.waitFor(/age: type/);
      t.send(KEY.down + KEY.down + KEY.enter); // string, text, integer
      await t.waitFor(/age: required\?/);
      t.send(KEY.enter);
      await t.waitFor(/age: unique\?/);
      t.send(KEY.enter);
      await t.waitFor(/age: minimum/);
      t.send(KEY.enter);
      await t.waitFor(/age: maximum/);
      t.send(KEY.enter);
      await t.waitFor(/Pet: field name/);
      t.send(KEY.enter); // no more fields
      await t.waitFor(/relation name/);
      t.send(KEY.enter); // no relations
      await t.waitFor(/Another entity/);
      t.send(KEY.enter);
      expect(await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))])).toBe(0);
    } finally {
      t.kill();
    }
    const project = join(cwd, 'pet-api');
    assertCompleteProject(project);
    const equivalent = `npx create-backend pet-api --stack ${STACK} --database sqlite --cloud none --auth none --entity 'Pet: name:string! age:integer' --yes`;
    expect(t.output.replace(/\r/g, '')).toContain(`To do this again without questions:\n  ${equivalent}`);

    // The printed command really reproduces the project.
    const again = next();
    const run = await execa('sh', ['-c', `${equivalent.replace('npx create-backend', `"${process.execPath}" "${BIN}"`)} --no-install --no-git`], { cwd: again, reject: false, env: cleanEnv(), extendEnv: false });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(treeHashes(join(again, 'pet-api'))).toEqual(treeHashes(project));
  });

  it('asks for the AWS infrastructure code only when aws is chosen, and the equivalent command carries it', async () => {
    const cwd = next();
    const t = spawnCli(['cdk-api', '--stack', STACK, '--database', 'postgres', '--auth', 'none', '--entity', 'Pet: name:string!', '--no-install', '--no-git'], cwd);
    try {
      await t.waitFor(/Cloud targets/);
      t.send(' ' + KEY.enter); // aws, listed first
      await t.waitFor(/AWS infrastructure as code/);
      t.send(KEY.down + KEY.enter); // terraform, cdk
      expect(await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))])).toBe(0);
    } finally {
      t.kill();
    }
    expect(t.output).not.toMatch(/Project name|Stack|Database|Authentication|entity name/);
    expect(t.output.replace(/\r/g, '')).toContain(`--cloud aws --auth none --iac cdk --entity 'Pet: name:string!' --yes`);
    expect(existsSync(join(cwd, 'cdk-api/infra/aws/cdk.json'))).toBe(true);
    expect(existsSync(join(cwd, 'cdk-api/infra/aws/ecs.tf'))).toBe(false);
  });

  it('CI=1 in a terminal never prompts: exit 2 naming the flags', async () => {
    const cwd = next();
    const t = spawnCli(['api', '--no-install', '--no-git'], cwd, { CI: '1' });
    const code = await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    t.kill();
    expect(code).toBe(2);
    expect(t.output).not.toMatch(/\? /);
    expect(t.output).toContain('--stack');
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });

  it('--yes in a terminal never prompts and uses the defaults', async () => {
    const cwd = next();
    const t = spawnCli(['api', '--yes', '--stack', STACK, '--no-install', '--no-git'], cwd);
    const code = await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    t.kill();
    expect(code).toBe(0);
    expect(t.output).not.toMatch(/\? Project name/);
    assertCompleteProject(join(cwd, 'api'));
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const cwd = next();
    const t = spawnCli(['api', '--no-install', '--no-git'], cwd);
    await t.waitFor(/Stack/);
    t.send('\x03');
    const code = await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
    t.kill();
    expect(code).toBe(130);
    expect(existsSync(join(cwd, 'api'))).toBe(false);
  });
});
