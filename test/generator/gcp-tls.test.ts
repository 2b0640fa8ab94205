import { describe, expect, it } from 'vitest';
import { render } from './support.js';

const CA = '/etc/cloudsql-ca/server-ca.pem';

/**
 * Each driver's spelling of "the chain against this CA alone, not the host name" (Cloud SQL's certificate names the
 * instance, not the private IP the app dials). node-postgres gives verify-ca libpq's meaning only with
 * uselibpqcompat; the node app reads `ssl_ca` itself for mysql2, which reads no CA file from the URL.
 */
const VERIFY_CA = {
  postgres: {
    node: { sslmode: 'verify-ca', sslrootcert: CA, uselibpqcompat: 'true' },
    python: { sslmode: 'verify-ca', sslrootcert: CA },
    java: { sslmode: 'verify-ca', sslrootcert: CA },
  },
  mysql: {
    node: { ssl_ca: CA },
    python: { ssl_ca: CA, ssl_check_hostname: 'false' },
    java: { sslMode: 'verify-ca', serverSslCert: CA },
  },
} as const;

const cases = (['postgres', 'mysql'] as const).flatMap((database) => (['node', 'python', 'java'] as const).map((stack) => [stack, database] as const));

/**
 * On GCP every stack verifies Cloud SQL's server certificate: DATABASE_URL names the instance's CA file, that file
 * is the Secret Manager copy of the CA mounted into the service and the job, and the instance refuses plain
 * connections.
 */
describe.each(cases)('%s on GCP with %s', (stack, database) => {
  it('verifies the server against the mounted Cloud SQL CA, and the instance accepts only TLS', async () => {
    const tree = await render({ name: 'clinic', stack, database, cloud: ['gcp'], auth: 'none', entities: { Pet: { fields: { name: 'string!' } } } });
    const secrets = tree.get('infra/gcp/secrets.tf')!.toString();
    const run = tree.get('infra/gcp/cloudrun.tf')!.toString();
    const url = /database_url = "([^"]+)"/.exec(secrets)?.[1] ?? '';
    expect(Object.fromEntries(new URLSearchParams(url.split('?')[1] ?? '')), url).toEqual(VERIFY_CA[database][stack]);
    expect(secrets).toContain('secret_data = google_sql_database_instance.main.server_ca_cert[0].cert');
    const dir = CA.slice(0, CA.lastIndexOf('/'));
    expect(run.match(new RegExp(`mount_path = "${dir}"`, 'g'))).toHaveLength(2);
    expect(run.match(new RegExp(`path    = "${CA.slice(dir.length + 1)}"`, 'g'))).toHaveLength(2);
    expect(tree.get('infra/gcp/iam.tf')!.toString()).toContain('google_secret_manager_secret.db_server_ca.id');
    const instance = tree.get('infra/gcp/cloudsql.tf')!.toString();
    expect(instance).toMatch(/^ {6}ssl_mode +\= "ENCRYPTED_ONLY"$/m);
    expect(instance).not.toContain('UNENCRYPTED');
    expect(tree.get('infra/gcp/README.md')!.toString()).toContain('Cloud SQL accepts only encrypted connections');
  });
});
