import { describe, expect, it } from 'vitest';
import { deploymentModel } from '../../src/model/deployment.js';
import { containerOf } from '../cloud/support/render.js';
import { configOf, render } from './support.js';

/**
 * On AWS and Azure every stack verifies the PostgreSQL server: certificate chain and host name (verify-full).
 * RDS chains to Amazon's own CAs, so the image carries their bundle at the path DATABASE_URL names; Azure chains
 * to public roots, read from the image's system bundle (libpq, pgJDBC) or Node's built-in list (node-postgres).
 */
const RDS_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
const model = (stack: 'node' | 'python' | 'java', cloud: Array<'aws' | 'azure' | 'gcp'>, database: 'postgres' | 'mysql' = 'postgres') => ({
  name: 'clinic',
  stack,
  database,
  cloud,
  auth: 'none' as const,
  entities: { Pet: { fields: { name: 'string!' } } },
});
const queryOf = (url: string) => new URLSearchParams(url.split('?')[1] ?? '');

describe.each(['node', 'python', 'java'] as const)('%s with PostgreSQL', (stack) => {
  it('AWS: DATABASE_URL verifies the server against the RDS CA bundle the image fetches at build', async () => {
    const tree = await render(model(stack, ['aws']));
    const d = deploymentModel(configOf(model(stack, ['aws'])), containerOf(stack));
    const launcher = d.databaseUrlLauncher!;
    const query = queryOf(/\$DB_NAME(\?[^"]*)"/.exec(launcher)?.[1] ?? '');
    expect(query.get('sslmode'), launcher).toBe('verify-full');
    const ca = query.get('sslrootcert')!;
    expect(ca).toBe(d.rdsCaBundle!.path);
    // The Terraform task definition and the CDK app start the container with this very launcher.
    expect(tree.get('infra/aws/ecs.tf')!.toString()).toContain(`sslmode=verify-full&sslrootcert=${ca}`);
    const dockerfile = tree.get('Dockerfile')!.toString();
    const [build, runtime] = dockerfile.split(/^FROM .*$/m).slice(1);
    expect(build).toContain(RDS_BUNDLE_URL);
    expect(runtime).toMatch(new RegExp(`^COPY --from=build \\S+rds-ca\\.pem ${ca.replace(/\./g, '\\.')}$`, 'm'));
    expect(tree.get('infra/aws/README.md')!.toString()).toContain(`\`sslmode=verify-full&sslrootcert=${ca}\``);
  });

  it('AWS as a CDK app: the launcher carries the same verifying query', async () => {
    const tree = await render({ ...model(stack, ['aws']), iac: 'cdk' });
    expect(tree.get('infra/aws/lib/settings.ts')!.toString()).toContain('sslmode=verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem');
    expect(tree.get('Dockerfile')!.toString()).toContain(RDS_BUNDLE_URL);
  });

  it('Azure: DATABASE_URL verifies the Flexible Server certificate and host name against public roots', async () => {
    const tree = await render(model(stack, ['azure']));
    const url = /value\s+= "(postgres:[^"]+)"/.exec(tree.get('infra/azure/keyvault.tf')!.toString())?.[1] ?? '';
    const query = queryOf(url);
    expect(query.get('sslmode'), url).toBe('verify-full');
    // libpq and pgJDBC read no system store by default; node-postgres falls back to Node's built-in roots.
    expect(query.get('sslrootcert')).toBe(stack === 'node' ? null : '/etc/ssl/certs/ca-certificates.crt');
    // Without an AWS target the image does not fetch Amazon's bundle.
    expect(tree.get('Dockerfile')!.toString()).not.toContain('rds');
    expect(tree.get('infra/azure/README.md')!.toString()).toContain('DigiCert Global Root G2');
  });
});

describe('the weak modes are gone from every cloud query', () => {
  it.each(['node', 'python', 'java'] as const)('%s', (stack) => {
    const d = deploymentModel(configOf(model(stack, ['aws', 'azure', 'gcp'])), null).database!;
    for (const query of [d.awsUrlQuery, d.azureUrlQuery, d.gcpUrlQuery]) {
      expect(queryOf(`?${query}`).get('sslmode'), query).toMatch(/^verify-(full|ca)$/);
    }
  });

});

/**
 * MySQL: each driver's own spelling of "verify chain and host name". mysql2 reads `ssl` as JSON from the URL and
 * no CA file, so on AWS Node trusts the RDS bundle through NODE_EXTRA_CA_CERTS.
 */
describe.each([
  ['node', { ssl: '{"verifyIdentity":true}' }, { ssl: '{"verifyIdentity":true}' }],
  ['python', { ssl_ca: '/etc/ssl/certs/rds-global-bundle.pem' }, { ssl_ca: '/etc/ssl/certs/ca-certificates.crt' }],
  ['java', { sslMode: 'verify-full', serverSslCert: '/etc/ssl/certs/rds-global-bundle.pem' }, { sslMode: 'verify-full' }],
] as const)('%s with MySQL', (stack, aws, azure) => {
  it('AWS and Azure: DATABASE_URL verifies the server; the servers refuse plain connections', async () => {
    const tree = await render(model(stack, ['aws', 'azure'], 'mysql'));
    const d = deploymentModel(configOf(model(stack, ['aws', 'azure'], 'mysql')), null).database!;
    expect(Object.fromEntries(queryOf(`?${d.awsUrlQuery}`))).toEqual(aws);
    expect(Object.fromEntries(queryOf(`?${d.azureUrlQuery}`))).toEqual(azure);
    expect(tree.get('infra/aws/ecs.tf')!.toString()).toContain(d.awsUrlQuery);
    expect(tree.get('infra/azure/keyvault.tf')!.toString()).toContain(`?${d.azureUrlQuery}"`);
    const dockerfile = tree.get('Dockerfile')!.toString();
    expect(dockerfile).toContain(RDS_BUNDLE_URL);
    expect(dockerfile.includes('ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem')).toBe(stack === 'node');
    expect(tree.get('infra/aws/rds.tf')!.toString()).toMatch(/name {2}= "require_secure_transport"\n {4}value = "1"/);
    expect(tree.get('infra/aws/rds.tf')!.toString()).not.toContain('CKV2_AWS_69');
    expect(tree.get('infra/azure/database.tf')!.toString()).not.toContain('require_secure_transport');
  });

  it('AWS as a CDK app: the parameter group requires TLS and no check is skipped for it', async () => {
    const tree = await render({ ...model(stack, ['aws'], 'mysql'), iac: 'cdk' });
    const foundation = tree.get('infra/aws/lib/foundation-stack.ts')!.toString();
    expect(foundation).toContain("require_secure_transport: '1'");
    expect(foundation).not.toContain("'CKV2_AWS_69'");
  });
});
