import type { DatabaseId, StackId } from '../config/options.js';
import type { ResolvedConfig } from '../config/types.js';
import { names } from '../config/naming.js';
import { cdkVersions, type CdkVersions } from './cdk-versions.js';

/**
 * The one deployment model (SPEC 6, issue 6): every cloud target (and the consistency tests) read the
 * image, port, health path, database engine and size, secret and variable names, and scaling from here,
 * so the Dockerfile, compose, Terraform, the Helm chart and the app agree by construction.
 *
 * Always present in the view model (templates render in strict mode); `database` (the SQL servers) and `mongodb`
 * are null when the project uses another database, `runtime` for a stack without container commands.
 */
export interface EnvVar {
  readonly name: string;
  readonly value: string;
  /** Operators tune these per environment: each cloud exposes them as an input (Terraform variable, Helm value). */
  readonly setting: { readonly variable: string; readonly description: string; readonly isNumber: boolean } | null;
  readonly isLast: boolean;
}

export interface SecretVar {
  /** The environment variable the app reads. */
  readonly name: string;
  /** The secret's id in the cloud secret store and the key in a Kubernetes Secret (kebab-case). */
  readonly id: string;
  /** Terraform-friendly identifier (snake_case). */
  readonly tf: string;
  /**
   * GCP has no managed MongoDB: Terraform creates the secret, the operator adds its value (the connection string of
   * MongoDB Atlas or a cluster of their own). Every other secret value is generated or composed by Terraform.
   */
  readonly operatorSupplied: boolean;
  readonly isLast: boolean;
}

export interface DeploymentDatabase {
  readonly engine: 'postgres' | 'mysql';
  readonly isPostgres: boolean;
  readonly isMysql: boolean;
  readonly label: string;
  /** Major version, the same on every cloud and in the local compose file. */
  readonly version: string;
  /**
   * The server image of the local compose file and the project's CI workflow, on every stack: the official
   * image of the same version as the clouds' (a MariaDB image would let a MySQL-only difference pass CI).
   */
  readonly image: string;
  readonly port: number;
  /** Database (schema) name and the application's login. */
  readonly name: string;
  readonly username: string;
  /** URL scheme of DATABASE_URL, as every stack parses it. */
  readonly scheme: 'postgres' | 'mysql';
  /**
   * AWS: the query that verifies the RDS server certificate and host name against Amazon's RDS CA bundle, which
   * the image carries at `rdsCaBundle.path` (node's MySQL driver reads it through NODE_EXTRA_CA_CERTS).
   */
  readonly awsUrlQuery: string;
  /**
   * Azure: the query that verifies the Flexible Server certificate and host name against the public roots it chains
   * to (DigiCert Global Root G2, Microsoft RSA Root CA 2017).
   */
  readonly azureUrlQuery: string;
  /** Where the driver finds those roots, for the deploy README. */
  readonly azureTrustStore: string;
  /**
   * GCP: the query that verifies Cloud SQL's server certificate chain against the instance's own CA (a file mounted
   * from Secret Manager at `gcpServerCaPath`), without the host name the certificate does not carry.
   */
  readonly gcpUrlQuery: string;
  readonly gcpServerCaPath: string;
  /** The folder Cloud Run mounts the CA secret at, and the file name inside it. */
  readonly gcpServerCaDir: string;
  readonly gcpServerCaFile: string;
  readonly storageGb: number;
  readonly maxStorageGb: number;
  readonly backupRetentionDays: number;
  readonly aws: { readonly engine: string; readonly engineVersion: string; readonly instanceClass: string; readonly logExports: readonly string[]; readonly logExportsList: string };
  readonly gcp: { readonly databaseVersion: string; readonly tier: string };
  readonly azure: { readonly version: string; readonly skuName: string; readonly storageMb: number; readonly privateDnsZone: string };
}

/**
 * MongoDB in the clouds: Amazon DocumentDB (5.0 engine) on AWS, Azure Cosmos DB for MongoDB (vCore) on Azure; GCP and
 * Kubernetes have no managed MongoDB, so the operator keeps the connection string (MongoDB Atlas, an operator-managed
 * replica set) in a secret the deployment reads.
 */
export interface DeploymentMongo {
  readonly label: string;
  readonly port: number;
  /** The database the app uses (the URL's path) and the cluster's administrator login the app signs in with. */
  readonly name: string;
  readonly username: string;
  /**
   * AWS: the options DocumentDB needs: TLS verified against Amazon's CA bundle (the RDS bundle, `rdsCaBundle.path`),
   * its fixed replica set name, no retryable writes (DocumentDB has none), and the admin database its users live in.
   */
  readonly awsUrlQuery: string;
  /** Azure: TLS against the public roots the vCore cluster chains to, SCRAM-SHA-256, no retryable writes. */
  readonly azureUrlQuery: string;
  readonly backupRetentionDays: number;
  readonly aws: { readonly engineVersion: string; readonly family: string; readonly instanceClass: string; readonly logExports: readonly string[]; readonly logExportsList: string };
  readonly azure: { readonly version: string; readonly computeTier: string; readonly storageGb: number; readonly privateDnsZone: string };
}

export interface DeploymentRuntime {
  /** Exec-form commands inside the image (the Dockerfile's CMD and the stack's migrate command). */
  readonly start: readonly string[];
  readonly migrate: readonly string[];
  /** The same as single shell words, for places that take one string. */
  readonly startShell: string;
  readonly migrateShell: string;
  /** As an inline list literal (`["node", "dist/server.js"]`), valid JSON, YAML and HCL in their formatters' style. */
  readonly startList: string;
  readonly migrateList: string;
  /** Numeric user id of the image's unprivileged user (Kubernetes needs a number to enforce runAsNonRoot). */
  readonly uid: number;
  /**
   * A shell expression printing DB_PASSWORD percent-encoded, using the stack's own runtime (AWS composes
   * DATABASE_URL at start from the RDS-managed secret, whose generated password may contain URL delimiters).
   */
  readonly urlEncodePassword: string;
}

/**
 * How a stack's image runs, declared by its descriptor (`container` in src/stacks/<id>.ts): the commands inside
 * the image, its user and the environment it needs besides the shared variables.
 */
export interface ContainerRuntime {
  readonly start: readonly string[];
  readonly migrate: readonly string[];
  /** The migrate command on a database whose pack migrates differently (python on MongoDB has no Alembic). */
  readonly migrateOn?: Partial<Readonly<Record<DatabaseId, readonly string[]>>>;
  readonly uid: number;
  readonly urlEncodePassword: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface DeploymentModel {
  /** Image repository name (kebab-case project name) and a short prefix for cloud names with length limits. */
  readonly image: string;
  readonly name: string;
  readonly shortName: string;
  readonly port: number;
  readonly healthPath: string;
  readonly database: DeploymentDatabase | null;
  readonly mongodb: DeploymentMongo | null;
  /** The server the app connects to, SQL or MongoDB, where a file only needs its name and port (network rules). */
  readonly databaseServer: { readonly label: string; readonly port: number } | null;
  readonly runtime: DeploymentRuntime | null;
  /**
   * AWS: Amazon's RDS CA bundle (roots of every region, RDS and DocumentDB alike), which no public trust store carries: the Dockerfile fetches
   * it from `url` at image build into `path`, which `awsUrlQuery` names. null without an AWS target.
   */
  readonly rdsCaBundle: { readonly url: string; readonly path: string } | null;
  /**
   * `sh -c` script that builds DATABASE_URL from DB_USERNAME/DB_PASSWORD (a managed secret's fields) and
   * DB_HOST/DB_PORT/DB_NAME, then execs its arguments (AWS: RDS and DocumentDB manage and rotate the password).
   */
  readonly databaseUrlLauncher: string | null;
  /** The same as an HCL string literal (quotes escaped, `${` and `%{` doubled so Terraform does not interpolate). */
  readonly databaseUrlLauncherHcl: string | null;
  /** Plain (non-secret) environment of the deployed container, sorted by name. */
  readonly env: readonly EnvVar[];
  /** Secrets, each from the cloud's secret store, never a plain value. */
  readonly secrets: readonly SecretVar[];
  /** Every variable name the container gets (plain and secret), sorted. */
  readonly envNames: readonly string[];
  readonly sizes: {
    readonly aws: { readonly cpu: number; readonly memory: number };
    readonly gcp: { readonly cpu: string; readonly memory: string };
    readonly azure: { readonly cpu: number; readonly memory: string };
    readonly kubernetes: { readonly cpuRequest: string; readonly memoryRequest: string; readonly memoryLimit: string };
  };
  readonly scaling: { readonly min: number; readonly max: number; readonly cpuTarget: number; readonly concurrency: number };
  readonly logRetentionDays: number;
  /** AWS as a CDK app (`iac: cdk`): the pinned package versions of infra/aws/package.json; null with Terraform. */
  readonly cdk: CdkVersions | null;
}

/**
 * TRUSTED_PROXIES of a deployed container: the private and link-local ranges the clouds' load balancers and
 * ingress proxies connect from. Only they reach the container, so the client address is the right-most
 * X-Forwarded-For entry outside these ranges, the one the load balancer appended.
 */
export const PRIVATE_NETWORKS = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,100.64.0.0/10,169.254.0.0/16,fc00::/7,fe80::/10';

/**
 * `urlEncodePassword` for an image with no scripting runtime (a JRE, a static Go binary with busybox sh):
 * percent-encodes DB_PASSWORD in POSIX sh, keeping RFC 3986's unreserved characters.
 */
export const POSIX_SH_URL_ENCODE = `s=$DB_PASSWORD; out=; while [ -n "$s" ]; do c=\${s%"\${s#?}"}; s=\${s#?}; case $c in [A-Za-z0-9._~-]) out=$out$c ;; *) out=$out$(printf %%%02X "'$c") ;; esac; done; printf %s "$out"`;

/**
 * RDS signs server certificates with Amazon's own CAs, published as one bundle for every region and in no public
 * trust store. Each driver verifies the chain against it and the host name (the instance endpoint the app dials).
 */
const RDS_CA_BUNDLE = { url: 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem', path: '/etc/ssl/certs/rds-global-bundle.pem' };
const AWS_POSTGRES_TLS_QUERY = `sslmode=verify-full&sslrootcert=${RDS_CA_BUNDLE.path}`;

/**
 * MySQL drivers name TLS differently. mysql2 takes `ssl` as JSON in the URL (percent-encoded: the AWS launcher
 * quotes the URL for the shell) and checks the host name only with verifyIdentity; it cannot read a CA file from
 * the URL, so the image points NODE_EXTRA_CA_CERTS at the RDS bundle. PyMySQL (through SQLAlchemy's ssl_ca)
 * checks chain and host name once a CA is given; MariaDB Connector/J's verify-full does both.
 */
const MYSQL2_VERIFY = `ssl=${encodeURIComponent(JSON.stringify({ verifyIdentity: true }))}`;
const AWS_MYSQL_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: MYSQL2_VERIFY,
  python: `ssl_ca=${RDS_CA_BUNDLE.path}`,
  java: `sslMode=verify-full&serverSslCert=${RDS_CA_BUNDLE.path}`,
  go: `tls=true`,
  ruby: `ssl_mode=verify_identity&sslca=${RDS_CA_BUNDLE.path}`,
};

/**
 * Azure Database for PostgreSQL chains to public roots (DigiCert Global Root G2, Microsoft RSA Root CA 2017) and
 * names the server's FQDN, so verify-full against a public store. libpq and pgJDBC read no system store by default:
 * they get the image's Debian/Ubuntu bundle; node-postgres without sslrootcert uses Node's own (Mozilla) roots,
 * as node:slim images carry no system bundle.
 */
const SYSTEM_CA_BUNDLE_PATH = '/etc/ssl/certs/ca-certificates.crt';
const AZURE_VERIFY_FULL = `sslmode=verify-full&sslrootcert=${SYSTEM_CA_BUNDLE_PATH}`;
const AZURE_POSTGRES_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: 'sslmode=verify-full',
  python: AZURE_VERIFY_FULL,
  java: AZURE_VERIFY_FULL,
  go: AZURE_VERIFY_FULL,
  ruby: AZURE_VERIFY_FULL,
};
/** Azure Database for MySQL: the same public roots; Connector/J reads the JVM's trust store, mysql2 Node's roots. */
const AZURE_MYSQL_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: MYSQL2_VERIFY,
  python: `ssl_ca=${SYSTEM_CA_BUNDLE_PATH}`,
  java: 'sslMode=verify-full',
  go: 'tls=true',
  ruby: `ssl_mode=verify_identity&sslca=${SYSTEM_CA_BUNDLE_PATH}`,
};

/**
 * Cloud SQL signs its server certificate with a per-instance CA whose certificate names the instance, not the
 * private IP the app dials: each driver checks the chain against that CA (libpq's verify-ca) and skips the host
 * name. node-postgres reads verify-ca as verify-full unless uselibpqcompat is set.
 */
const GCP_SERVER_CA_PATH = '/etc/cloudsql-ca/server-ca.pem';
const GCP_VERIFY_CA = `sslmode=verify-ca&sslrootcert=${GCP_SERVER_CA_PATH}`;
const GCP_POSTGRES_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: `${GCP_VERIFY_CA}&uselibpqcompat=true`,
  python: GCP_VERIFY_CA,
  java: GCP_VERIFY_CA,
  go: GCP_VERIFY_CA,
  ruby: GCP_VERIFY_CA,
};
/**
 * The same check with MySQL drivers. mysql2 reads no CA file from the URL: the node app reads `ssl_ca` itself and
 * hands mysql2 that CA alone with rejectUnauthorized (mysql2 checks the host name only with verifyIdentity). PyMySQL
 * takes SQLAlchemy's `ssl_ca` and, without the host name check, still requires the chain (CERT_REQUIRED); MariaDB
 * Connector/J names the mode verify-ca; the go app, like node's, reads `ssl_ca` itself (go-sql-driver takes a CA only
 * as a registered TLS config) and checks the chain alone. A skipped host name check is safe only because the CA is the instance's own.
 */
const GCP_MYSQL_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: `ssl_ca=${GCP_SERVER_CA_PATH}`,
  python: `ssl_ca=${GCP_SERVER_CA_PATH}&ssl_check_hostname=false`,
  java: `sslMode=verify-ca&serverSslCert=${GCP_SERVER_CA_PATH}`,
  go: `ssl_ca=${GCP_SERVER_CA_PATH}`,
  ruby: `ssl_mode=verify_ca&sslca=${GCP_SERVER_CA_PATH}`,
};

/**
 * DocumentDB: TLS against the RDS bundle (DocumentDB's certificates chain to the same Amazon roots) with the host
 * name checked, the cluster's fixed replica set name, and no retryable writes, which DocumentDB refuses. Reads stay
 * on the primary (the drivers' default, written out): `secondaryPreferred`, AWS's sample, would break
 * read-your-writes (a GET right after its POST may reach a lagging replica) and the multi-document transactions,
 * which must read from the primary.
 */
const MONGO_AWS_QUERY = `tls=true&tlsCAFile=${RDS_CA_BUNDLE.path}&replicaSet=rs0&readPreference=primary&retryWrites=false&authSource=admin`;
/** Cosmos DB for MongoDB (vCore): the parameters of its own connection string; its users live in the admin database. */
const MONGO_AZURE_QUERY = 'tls=true&authMechanism=SCRAM-SHA-256&retryWrites=false&maxIdleTimeMS=120000&authSource=admin';

const MONGODB = {
  label: 'MongoDB',
  port: 27017,
  backupRetentionDays: 7,
  aws: { engineVersion: '5.0.0', family: 'docdb5.0', instanceClass: 'db.t4g.medium', logExports: ['audit', 'profiler'] },
  azure: { version: '7.0', computeTier: 'M30', storageGb: 32, privateDnsZone: 'privatelink.mongocluster.cosmos.azure.com' },
} as const;

const DATABASES = {
  postgres: {
    label: 'PostgreSQL',
    version: '17',
    port: 5432,
    aws: { engine: 'postgres', engineVersion: '17', instanceClass: 'db.t4g.micro', logExports: ['postgresql', 'upgrade'] },
    gcp: { databaseVersion: 'POSTGRES_17', tier: 'db-custom-1-3840' },
    azure: { version: '17', skuName: 'B_Standard_B1ms', storageMb: 32768, privateDnsZone: 'privatelink.postgres.database.azure.com' },
  },
  mysql: {
    label: 'MySQL',
    version: '8.4',
    port: 3306,
    aws: { engine: 'mysql', engineVersion: '8.4', instanceClass: 'db.t4g.micro', logExports: ['error', 'slowquery'] },
    gcp: { databaseVersion: 'MYSQL_8_4', tier: 'db-custom-1-3840' },
    azure: { version: '8.4', skuName: 'B_Standard_B1ms', storageMb: 20480, privateDnsZone: 'privatelink.mysql.database.azure.com' },
  },
} as const;

const SETTINGS: Readonly<Record<string, EnvVar['setting']>> = {
  CORS_ORIGINS: { variable: 'cors_origins', description: 'Comma-separated browser origins allowed by CORS (empty: CORS off).', isNumber: false },
  LOG_LEVEL: { variable: 'log_level', description: 'Log level of the app.', isNumber: false },
  RATE_LIMIT_PER_MINUTE: { variable: 'rate_limit_per_minute', description: 'Requests per client and minute (0 turns the limit off).', isNumber: true },
};

export const CONTAINER_PORT = 3000;
export const HEALTH_PATH = '/health';

const inlineList = (list: readonly string[]): string => `[${list.map((s) => JSON.stringify(s)).join(', ')}]`;

const withLast = <T extends object>(list: readonly T[]): Array<T & { isLast: boolean }> =>
  list.map((item, i) => ({ ...item, isLast: i === list.length - 1 }));

/** `container` is the stack's (null for a view of the schema alone, as `update` diffs it). */
export function deploymentModel(config: ResolvedConfig, container: ContainerRuntime | null): DeploymentModel {
  const n = names(config.name);
  const engine = config.database === 'postgres' || config.database === 'mysql' ? config.database : null;
  const database: DeploymentDatabase | null = engine && {
    engine,
    isPostgres: engine === 'postgres',
    isMysql: engine === 'mysql',
    ...DATABASES[engine],
    image: `${engine}:${DATABASES[engine].version}`,
    aws: { ...DATABASES[engine].aws, logExportsList: inlineList(DATABASES[engine].aws.logExports) },
    name: n.snake,
    username: 'app',
    scheme: engine,
    awsUrlQuery: engine === 'postgres' ? AWS_POSTGRES_TLS_QUERY : AWS_MYSQL_TLS_QUERY[config.stack],
    azureUrlQuery: engine === 'postgres' ? AZURE_POSTGRES_TLS_QUERY[config.stack] : AZURE_MYSQL_TLS_QUERY[config.stack],
    azureTrustStore: config.stack === 'node' ? "Node's built-in CA list" : config.stack === 'java' && engine === 'mysql' ? "the JVM's trust store" : "the image's system CA bundle",
    gcpUrlQuery: engine === 'postgres' ? GCP_POSTGRES_TLS_QUERY[config.stack] : GCP_MYSQL_TLS_QUERY[config.stack],
    gcpServerCaPath: GCP_SERVER_CA_PATH,
    gcpServerCaDir: GCP_SERVER_CA_PATH.slice(0, GCP_SERVER_CA_PATH.lastIndexOf('/')),
    gcpServerCaFile: GCP_SERVER_CA_PATH.slice(GCP_SERVER_CA_PATH.lastIndexOf('/') + 1),
    storageGb: 20,
    maxStorageGb: 100,
    backupRetentionDays: 7,
  };
  const mongodb: DeploymentMongo | null =
    config.database === 'mongodb'
      ? {
          ...MONGODB,
          aws: { ...MONGODB.aws, logExportsList: inlineList(MONGODB.aws.logExports) },
          name: n.snake,
          username: 'app',
          awsUrlQuery: MONGO_AWS_QUERY,
          azureUrlQuery: MONGO_AZURE_QUERY,
        }
      : null;
  const plain: Record<string, string> = {
    PORT: String(CONTAINER_PORT),
    LOG_LEVEL: 'info',
    CORS_ORIGINS: '',
    RATE_LIMIT_PER_MINUTE: '600',
    ...(container?.env ?? {}),
  };
  const secretNames = ['DATABASE_URL', ...(config.auth === 'jwt' ? ['JWT_SECRET'] : [])];
  const env = withLast(Object.keys(plain).sort().map((name) => ({ name, value: plain[name], setting: SETTINGS[name] ?? null })));
  const secrets = withLast(secretNames.map((name) => ({ name, id: name.toLowerCase().replace(/_/g, '-'), tf: name.toLowerCase(), operatorSupplied: name === 'DATABASE_URL' && config.database === 'mongodb' })));
  const migrate = container && (container.migrateOn?.[config.database] ?? container.migrate);
  const runtime: DeploymentRuntime | null = container && migrate && {
    start: container.start,
    migrate,
    startShell: container.start.join(' '),
    migrateShell: migrate.join(' '),
    startList: inlineList(container.start),
    migrateList: inlineList(migrate),
    uid: container.uid,
    urlEncodePassword: container.urlEncodePassword,
  };
  const server = database ?? mongodb;
  const aws = database ? { scheme: database.scheme, query: database.awsUrlQuery } : mongodb && { scheme: 'mongodb', query: mongodb.awsUrlQuery };
  const databaseUrlLauncher =
    aws && container
      ? `export DATABASE_URL="${aws.scheme}://$DB_USERNAME:$(${container.urlEncodePassword})@$DB_HOST:$DB_PORT/$DB_NAME${aws.query ? `?${aws.query}` : ''}" && exec "$@"`
      : null;
  const databaseUrlLauncherHcl = databaseUrlLauncher && JSON.stringify(databaseUrlLauncher).replace(/\$\{/g, () => '$${').replace(/%\{/g, '%%{');
  const shortName = n.kebab.slice(0, 20).replace(/-+$/, '');
  return {
    image: n.kebab,
    name: n.kebab,
    shortName,
    port: CONTAINER_PORT,
    healthPath: HEALTH_PATH,
    database,
    mongodb,
    databaseServer: server && { label: server.label, port: server.port },
    runtime,
    rdsCaBundle: aws && config.cloud.includes('aws') ? RDS_CA_BUNDLE : null,
    databaseUrlLauncher,
    databaseUrlLauncherHcl,
    env,
    secrets,
    envNames: [...Object.keys(plain), ...secretNames].sort(),
    sizes: {
      aws: { cpu: 256, memory: 512 },
      gcp: { cpu: '1', memory: '512Mi' },
      azure: { cpu: 0.5, memory: '1Gi' },
      kubernetes: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    },
    scaling: { min: 2, max: 6, cpuTarget: 70, concurrency: 80 },
    logRetentionDays: 365,
    cdk: config.iac === 'cdk' && config.cloud.includes('aws') ? cdkVersions() : null,
  };
}
