import { execa } from 'execa';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGoVersions } from '../../src/stacks/go/stack.js';
import { REPO } from './harness.js';

/**
 * Fills the Go module cache (GOMODCACHE) with every module the Go stack pins, once per run, before any Go
 * project installs: a new machine starts with an empty cache, and two e2e workers would otherwise download the
 * same modules side by side. The download goes through GOPROXY like any `go` command; the versions manifest is
 * copied to a scratch module so that its directory in the repository gets no go.sum. Skipped without Go.
 */
export async function warmGoModules(log: (s: string) => void = () => {}): Promise<void> {
  const go = await execa('go', ['version'], { reject: false });
  if (go.exitCode !== 0) return log('go not on PATH: the Go module cache is not warmed');
  const scratch = mkdtempSync(join(tmpdir(), 'cb-go-modules-'));
  try {
    copyFileSync(join(REPO, 'templates/go/versions/go.mod'), join(scratch, 'go.mod'));
    const started = Date.now();
    const run = await execa('go', ['mod', 'download', 'all'], { cwd: scratch, reject: false, all: true, timeout: 600_000 });
    if (run.exitCode !== 0) throw new Error(`go mod download (templates/go/versions) failed with exit ${run.exitCode}:\n${run.all}`);
    // staticcheck is part of every Go project's static checks (`go run …/staticcheck@<pin>`): build it now, so
    // that Go's build cache holds the executable before two projects' checks would build it at once.
    const pin = readGoVersions().modules['honnef.co/go/tools'];
    if (!pin) throw new Error('templates/go/versions/go.mod pins no honnef.co/go/tools (staticcheck)');
    const build = await execa('go', ['run', `honnef.co/go/tools/cmd/staticcheck@${pin}`, '-version'], { cwd: scratch, reject: false, all: true, timeout: 600_000 });
    if (build.exitCode !== 0) throw new Error(`building staticcheck ${pin} failed with exit ${build.exitCode}:\n${build.all}`);
    log(`Go module cache and staticcheck ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

