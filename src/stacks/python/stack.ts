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
  // Every command runs through `uv run`, in the project's .venv as uv.lock has it (uv syncs it first when needed).
  commands: ({ config }) => ({
    install: 'uv sync',
    // MongoDB has no Alembic: app/migrate.py creates the collections and indexes.
    migrate: config.database === 'mongodb' ? 'uv run python -m app.migrate' : 'uv run alembic upgrade head',
    start: 'uv run python -m app',
    test: 'uv run pytest',
    lint: 'uv run ruff check . && uv run ruff format --check . && uv run mypy',
  }),
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
