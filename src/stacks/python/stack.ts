import { PRIVATE_NETWORKS } from '../../model/deployment.js';
import { STACK_DATABASES, STACK_LABELS } from '../capabilities.js';
import type { StackDescriptor } from '../types.js';
import { pythonInstallCommands } from './toolchain.js';
import { pythonEntityView, pythonView } from './view.js';

/**
 * Python stack: FastAPI + SQLAlchemy 2 + Alembic. What its templates need in Python (type annotations,
 * SQLAlchemy column types, literals for tests) is computed in this folder: the view in view.ts and the
 * entity, field and relation views beside it, their types (types.ts), source text as ruff writes it
 * (syntax.ts), test values (test-data.ts), pinned versions (versions.ts) and the install (toolchain.ts).
 */
export const pythonStack: StackDescriptor = {
  id: 'python',
  label: STACK_LABELS.python,
  databases: STACK_DATABASES.python,
  packs: ['python'],
  databasePacks: { mongodb: ['python-mongodb'] },
  extendView: pythonView,
  extendEntityView: pythonEntityView,
  commands: ({ config }) => {
    return {
      install: 'python3 -m venv .venv && .venv/bin/python -m pip install -e ".[dev]"',
      // MongoDB has no Alembic: app/migrate.py creates the collections and indexes.
      migrate: config.database === 'mongodb' ? '.venv/bin/python -m app.migrate' : '.venv/bin/alembic upgrade head',
      start: '.venv/bin/python -m app',
      test: '.venv/bin/pytest',
      lint: '.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy',
    };
  },
  readsDotEnv: true,
  container: {
    start: ['python', '-m', 'app'],
    migrate: ['alembic', 'upgrade', 'head'],
    migrateOn: { mongodb: ['python', '-m', 'app.migrate'] },
    uid: 10001,
    urlEncodePassword: `python -c 'import os, urllib.parse; print(urllib.parse.quote(os.environ["DB_PASSWORD"], safe=""), end="")'`,
    env: { APP_ENV: 'production', TRUSTED_PROXIES: PRIVATE_NETWORKS },
  },
  installCommands: pythonInstallCommands,
};
