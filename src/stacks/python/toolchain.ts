import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { InstallCommand } from '../types.js';

/** What the install post-step runs: uv when it is on PATH (much faster), else Python's venv and pip. */

const onPath = (file: string): boolean =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, file)));

const PYTHON_HINT = 'install Python 3.11 or newer (https://www.python.org/downloads/) so that python3 is on PATH, then run: python3 -m venv .venv && .venv/bin/python -m pip install -e ".[dev]"';

export const pythonInstallCommands = (): readonly InstallCommand[] =>
  onPath('uv')
    ? [
        // `update` installs again into the project's .venv: uv refuses an existing one unless told to keep it.
        { file: 'uv', args: ['venv', '--allow-existing', '.venv'], missingHint: 'install uv (https://docs.astral.sh/uv/) or Python 3.11+' },
        { file: 'uv', args: ['pip', 'install', '--python', '.venv/bin/python', '-e', '.[dev]'], missingHint: 'install uv (https://docs.astral.sh/uv/)' },
      ]
    : [
        { file: 'python3', args: ['-m', 'venv', '.venv'], missingHint: PYTHON_HINT },
        { file: '.venv/bin/python', args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-e', '.[dev]'], missingHint: PYTHON_HINT },
      ];
