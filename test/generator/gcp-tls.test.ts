import { describe, expect, it } from 'vitest';
import { render } from './support.js';

/**
 * On GCP every stack verifies Cloud SQL's server certificate: DATABASE_URL names the instance's CA file with
 * libpq's verify-ca, and that file is the Secret Manager copy of the CA mounted into the service and the job.
 */
describe.each(['node', 'python', 'java'] as const)('%s on GCP with PostgreSQL', (stack) => {
  it('verifies the server against the mounted Cloud SQL CA, never without verification', async () => {
    const tree = await render({ name: 'clinic', stack, database: 'postgres', cloud: ['gcp'], auth: 'none', entities: { Pet: { fields: { name: 'string!' } } } });
    const secrets = tree.get('infra/gcp/secrets.tf')!.toString();
    const run = tree.get('infra/gcp/cloudrun.tf')!.toString();
    const url = /database_url = "([^"]+)"/.exec(secrets)?.[1] ?? '';
    const query = new URLSearchParams(url.split('?')[1] ?? '');
    expect(query.get('sslmode'), url).toBe('verify-ca');
    const ca = query.get('sslrootcert')!;
    expect(ca).toMatch(/^\/.+\.pem$/);
    // node-postgres gives verify-ca libpq's meaning (chain, not host name) only with uselibpqcompat.
    expect(query.get('uselibpqcompat')).toBe(stack === 'node' ? 'true' : null);
    expect(secrets).toContain('secret_data = google_sql_database_instance.main.server_ca_cert[0].cert');
    const dir = ca.slice(0, ca.lastIndexOf('/'));
    expect(run.match(new RegExp(`mount_path = "${dir}"`, 'g'))).toHaveLength(2);
    expect(run.match(new RegExp(`path    = "${ca.slice(dir.length + 1)}"`, 'g'))).toHaveLength(2);
    expect(tree.get('infra/gcp/iam.tf')!.toString()).toContain('google_secret_manager_secret.db_server_ca.id');
  });
});
