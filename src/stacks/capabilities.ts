import type { DatabaseId, StackId } from '../config/options.js';

/**
 * Which databases each stack generates for. Kept apart from the descriptors so that rules and prompts can
 * check compatibility without loading any stack. A stack with no databases is not available yet.
 */
export const STACK_DATABASES: Record<StackId, readonly DatabaseId[]> = {
  node: ['sqlite', 'postgres', 'mysql', 'mongodb'],
  python: ['sqlite', 'postgres', 'mysql', 'mongodb'],
  java: ['sqlite', 'postgres', 'mysql', 'mongodb'],
  go: ['sqlite', 'postgres', 'mysql', 'mongodb'],
  ruby: ['sqlite', 'postgres', 'mysql'],
};

export const STACK_LABELS: Record<StackId, string> = {
  node: 'Node.js / TypeScript (Fastify, Kysely)',
  python: 'Python (FastAPI, SQLAlchemy, Alembic)',
  java: 'Java (Spring Boot 4, JPA, Flyway)',
  go: 'Go (chi, database/sql, goose)',
  ruby: 'Ruby (Sinatra, Sequel, Puma)',
};

export const isStackAvailable = (stack: StackId): boolean => STACK_DATABASES[stack].length > 0;
