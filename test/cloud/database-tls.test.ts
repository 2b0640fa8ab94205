import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASES } from './support/matrix.js';
import { cdkDir } from './support/paths.js';

/**
 * Issue 13: an encrypted but unauthenticated database connection is open to anyone on the path. Every rendered
 * project (each stack × PostgreSQL/MySQL, with all four targets, and again as a CDK app) is scanned, infra and
 * the app's own configuration alike, for a TLS mode that skips verifying the server; and each cloud's
 * DATABASE_URL for PostgreSQL must check the certificate (verify-full, or verify-ca against Cloud SQL's own CA).
 */
const WEAK = [
  /sslmode=(disable|allow|prefer|require|no-verify)\b/i,
  /rejectUnauthorized["']?\s*[:=]\s*false/,
  /ssl-?mode=(disabled|preferred|required|trust)\b/i,
  /trustServerCertificate=true/i,
  /sslfactory=org\.postgresql\.ssl\.NonValidatingFactory/i,
  /ssl_check_hostname=false/i,
];

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git' || e.name === 'cdk.out') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

const projects = CASES.flatMap((c) => [
  { label: c.label, database: c.database, dir: c.dir },
  { label: `${c.label} (CDK)`, database: c.database, dir: cdkDir(c) },
]);

describe.each(projects)('database TLS, $label', (p) => {
  it('no file sets a TLS mode that skips verifying the server', () => {
    expect(existsSync(p.dir), `${p.dir} is rendered by the cloud setup`).toBe(true);
    const found = files(p.dir).flatMap((f) => {
      const text = readFileSync(f, 'utf8');
      return WEAK.filter((re) => re.test(text)).map((re) => `${relative(p.dir, f)}: ${re.exec(text)![0]}`);
    });
    expect(found).toEqual([]);
  });

  it.runIf(p.database === 'postgres')('every cloud DATABASE_URL verifies the server certificate', () => {
    const read = (f: string) => readFileSync(join(p.dir, f), 'utf8');
    const sslmode = (text: string) => [...text.matchAll(/[?&]sslmode=([\w-]+)/g)].map((m) => m[1]);
    const aws = p.label.endsWith('(CDK)') ? read('infra/aws/lib/settings.ts') : read('infra/aws/ecs.tf');
    expect(sslmode(aws)).toEqual(['verify-full']);
    // RDS chains to Amazon's CAs, so the bundle the URL names must be in the image.
    const rootcert = /sslrootcert=([^\s"&\\]+)/.exec(aws)![1];
    expect(read('Dockerfile')).toMatch(new RegExp(`^COPY --from=build \\S+ ${rootcert.replace(/\./g, '\\.')}$`, 'm'));
    if (p.label.endsWith('(CDK)')) return;
    expect(sslmode(read('infra/azure/keyvault.tf'))).toEqual(['verify-full']);
    expect(sslmode(read('infra/gcp/secrets.tf'))).toEqual(['verify-ca']);
  });
});
