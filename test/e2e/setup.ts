import { schemathesisBin } from './harness.js';

/** Runs once before the e2e files: the shared schemathesis venv is built here, not by two workers at once. */
export default async function setup(): Promise<void> {
  await schemathesisBin();
}
