import { warmGoModules } from './go-modules.js';
import { schemathesisBin } from './harness.js';

/**
 * Runs once before the e2e files: the shared schemathesis venv is built and the Go module cache is filled
 * here, not by two workers at once.
 */
export default async function setup(): Promise<void> {
  await schemathesisBin();
  await warmGoModules((s) => process.stderr.write(`[e2e] ${s}\n`));
}
