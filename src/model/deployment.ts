import type { StackId } from '../config/options.js';
import type { ResolvedConfig } from '../config/types.js';
import { names } from '../config/naming.js';
import { cdkVersions, type CdkVersions } from './cdk-versions.js';

/**
 * The one deployment model (SPEC 6, issue 6): every cloud target (and the consistency tests) read the
 * image, port, health path, database engine and size, secret and variable names, and scaling from here,
 * so the Dockerfile, compose, Terraform, the Helm chart and the app agree by construction.
 *
 * Always present in the view model (templates render in strict mode); `database` and `runtime` are null
 * when no cloud target can use them (SQLite, MongoDB, a stack without container commands).
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
  readonly isLast: boolean;
}

export interface DeploymentDatabase {
  readonly engine: 'postgres' | 'mysql';
  readonly isPostgres: boolean;
  readonly isMysql: boolean;
  readonly label: string;
  /** Major version, the same on every cloud and in the local compose file. */
  readonly version: string;
  readonly port: number;
  /** Database (schema) name and the application's login. */
  readonly name: string;
  readonly username: string;
  /** URL scheme of DATABASE_URL, as every stack parses it. */
  readonly scheme: 'postgres' | 'mysql';
  /** Query string appended to DATABASE_URL in the clouds (TLS settings the stack's driver understands), or ''. */
  readonly urlQuery: string;
  /**
   * GCP: the query that verifies Cloud SQL's server certificate against the instance's own CA (a file mounted from
   * Secret Manager at `gcpServerCaPath`), or '' where the driver connects without TLS (MySQL, see its README).
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
  readonly runtime: DeploymentRuntime | null;
  /**
   * `sh -c` script that builds DATABASE_URL from DB_USERNAME/DB_PASSWORD (a managed secret's fields) and
   * DB_HOST/DB_PORT/DB_NAME, then execs its arguments (AWS: RDS manages and rotates the password itself).
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

/** TLS options per stack driver: PostgreSQL on RDS/Cloud SQL/Azure uses CAs that are not in public stores. */
const POSTGRES_TLS_QUERY: Readonly<Record<StackId, string>> = {
  node: 'sslmode=no-verify',
  python: 'sslmode=require',
  java: 'sslmode=require',
  go: 'sslmode=require',
  ruby: 'sslmode=require',
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
    aws: { ...DATABASES[engine].aws, logExportsList: inlineList(DATABASES[engine].aws.logExports) },
    name: n.snake,
    username: 'app',
    scheme: engine,
    urlQuery: engine === 'postgres' ? POSTGRES_TLS_QUERY[config.stack] : '',
    gcpUrlQuery: engine === 'postgres' ? GCP_POSTGRES_TLS_QUERY[config.stack] : '',
    gcpServerCaPath: GCP_SERVER_CA_PATH,
    gcpServerCaDir: GCP_SERVER_CA_PATH.slice(0, GCP_SERVER_CA_PATH.lastIndexOf('/')),
    gcpServerCaFile: GCP_SERVER_CA_PATH.slice(GCP_SERVER_CA_PATH.lastIndexOf('/') + 1),
    storageGb: 20,
    maxStorageGb: 100,
    backupRetentionDays: 7,
  };
  const plain: Record<string, string> = {
    PORT: String(CONTAINER_PORT),
    LOG_LEVEL: 'info',
    CORS_ORIGINS: '',
    RATE_LIMIT_PER_MINUTE: '600',
    ...(container?.env ?? {}),
  };
  const secretNames = ['DATABASE_URL', ...(config.auth === 'jwt' ? ['JWT_SECRET'] : [])];
  const env = withLast(Object.keys(plain).sort().map((name) => ({ name, value: plain[name], setting: SETTINGS[name] ?? null })));
  const secrets = withLast(secretNames.map((name) => ({ name, id: name.toLowerCase().replace(/_/g, '-'), tf: name.toLowerCase() })));
  const runtime: DeploymentRuntime | null = container && {
    start: container.start,
    migrate: container.migrate,
    startShell: container.start.join(' '),
    migrateShell: container.migrate.join(' '),
    startList: inlineList(container.start),
    migrateList: inlineList(container.migrate),
    uid: container.uid,
    urlEncodePassword: container.urlEncodePassword,
  };
  const databaseUrlLauncher =
    database && container
      ? `export DATABASE_URL="${database.scheme}://$DB_USERNAME:$(${container.urlEncodePassword})@$DB_HOST:$DB_PORT/$DB_NAME${database.urlQuery ? `?${database.urlQuery}` : ''}" && exec "$@"`
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
    runtime,
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
