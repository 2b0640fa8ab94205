import type { InstallCommand } from '../types.js';

/**
 * What the install post-step runs: the project is a uv project, so `uv sync` makes .venv, resolves the pinned
 * dependencies into uv.lock (kept: the Dockerfile and the generated CI install it with `--frozen`) and installs
 * the project with its dev group. `update` runs it again over the existing .venv and lock, which uv keeps.
 */
const UV_HINT = 'install uv (https://docs.astral.sh/uv/getting-started/installation/, or: python3 -m pip install uv), then run: uv sync';

export const pythonInstallCommands = (): readonly InstallCommand[] => [{ file: 'uv', args: ['sync'], missingHint: UV_HINT }];
