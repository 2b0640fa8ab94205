import { describe, expect, it } from 'vitest';
import { runOnly } from '../e2e/harness.js';

describe('e2e harness: starting a project that is already built', () => {
  it('drops the build the start command begins with', () => {
    expect(runOnly({ build: 'npm run build', start: 'npm run build && npm start' })).toBe('npm start');
  });

  it('keeps a start command that does not build first', () => {
    expect(runOnly({ build: './mvnw -q -B -DskipTests package', start: 'java -jar target/shop.jar' })).toBe('java -jar target/shop.jar');
    expect(runOnly({ build: 'go build ./...', start: 'go run ./cmd/server' })).toBe('go run ./cmd/server');
    expect(runOnly({ start: '.venv/bin/python -m app' })).toBe('.venv/bin/python -m app');
  });
});
