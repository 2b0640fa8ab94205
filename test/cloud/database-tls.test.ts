import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentModel } from '../../src/model/deployment.js';
import { CASES, CDK_CASES } from './support/matrix.js';
import { cdkDir } from './support/paths.js';
import { resolveCase } from './support/render.js';

/**
 * Issue 13: an encrypted but unauthenticated database connection is open to anyone on the path. Every rendered
 * project (each stack × PostgreSQL/MySQL, with all four targets, and again as a CDK app) is scanned, infra and
 * the app's own configuration alike, for a TLS mode that skips verifying the server; and the DATABASE_URL of AWS
 * Azure and GCP must carry the deployment model's verifying options (GCP's: the chain against Cloud SQL's own CA).
 */
const WEAK = [
  /sslmode=(disable|allow|prefer|require|no-verify)\b/i,
  /rejectUnauthorized["']?\s*[:=]\s*false/,
  /ssl-?mode=(disabled|preferred|required|trust)\b/i,
  /trustServerCertificate=true/i,
  /sslfactory=org\.postgresql\.ssl\.NonValidatingFactory/i,
  // Skipping the host name is safe only against Cloud SQL's per-instance CA (its certificate names no IP).
  /(?<!ssl_ca=\/etc\/cloudsql-ca\/server-ca\.pem&)ssl_check_hostname=false/i,
  // MongoDB drivers' switches that accept any certificate or host name.
  /tls(Insecure|AllowInvalidCertificates|AllowInvalidHostnames)=true/i,
  /(^|[?&])(tls|ssl)=false\b/i,
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
  { label: c.label, database: c.database, dir: c.dir, c, cdk: false },
  ...(CDK_CASES.includes(c) ? [{ label: `${c.label} (CDK)`, database: c.database, dir: cdkDir(c), c, cdk: true }] : []),
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

  if (p.database === 'mongodb') {
    it('every cloud MongoDB URL the project composes verifies the server certificate', () => {
      const read = (f: string) => readFileSync(join(p.dir, f), 'utf8');
      const model = deploymentModel(resolveCase(p.c, ['aws', 'azure']).config!, null);
      const mongo = model.mongodb!;
      // DocumentDB chains to Amazon's CAs: the URL names the bundle, which must be in the image, and TLS is on.
      expect(read('infra/aws/ecs.tf')).toContain(`/$DB_NAME?${mongo.awsUrlQuery}`);
      expect(mongo.awsUrlQuery).toMatch(/(^|&)tls=true(&|$)/);
      expect(mongo.awsUrlQuery).toContain(`tlsCAFile=${model.rdsCaBundle!.path}`);
      expect(read('Dockerfile')).toMatch(/^COPY --from=build \S+ \/etc\/ssl\/certs\/rds-global-bundle\.pem$/m);
      expect(read('infra/aws/docdb.tf')).toMatch(/name\s+= "tls"\n\s+value = "enabled"/);
      // Cosmos DB for MongoDB (vCore) chains to public roots: TLS on, no option that skips the check.
      expect(read('infra/azure/keyvault.tf')).toContain(`/${mongo.name}?${mongo.azureUrlQuery}"`);
      expect(mongo.azureUrlQuery).toMatch(/(^|&)tls=true(&|$)/);
      for (const q of [mongo.awsUrlQuery, mongo.azureUrlQuery]) expect(q).not.toMatch(/tlsInsecure|tlsAllowInvalid/i);
    });
    return;
  }

  it('every cloud DATABASE_URL verifies the server certificate', () => {
    const read = (f: string) => readFileSync(join(p.dir, f), 'utf8');
    const db = deploymentModel(resolveCase(p.c, ['aws', 'azure']).config!, null).database!;
    const aws = p.cdk ? read('infra/aws/lib/settings.ts') : read('infra/aws/ecs.tf');
    // RDS chains to Amazon's CAs, so the bundle the URL names must be in the image.
    expect(aws).toContain(`/$DB_NAME?${db.awsUrlQuery}`);
    expect(read('Dockerfile')).toMatch(/^COPY --from=build \S+ \/etc\/ssl\/certs\/rds-global-bundle\.pem$/m);
    if (p.database === 'postgres') expect(db.awsUrlQuery).toMatch(/^sslmode=verify-full&sslrootcert=\/etc\/ssl\/certs\/rds-global-bundle\.pem$/);
    if (p.cdk) return;
    expect(read('infra/azure/keyvault.tf')).toContain(`/${db.name}?${db.azureUrlQuery}"`);
    if (p.database === 'postgres') expect(db.azureUrlQuery).toMatch(/^sslmode=verify-full(&sslrootcert=\S+)?$/);
    expect(db.gcpUrlQuery).toContain(db.gcpServerCaPath);
    expect(read('infra/gcp/secrets.tf')).toContain(`}?${db.gcpUrlQuery}"`);
    expect(read('infra/gcp/cloudsql.tf')).toContain('ssl_mode                                      = "ENCRYPTED_ONLY"');
  });
});
