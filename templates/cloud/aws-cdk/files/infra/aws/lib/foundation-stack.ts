import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { skipCheck } from './checkov.ts';
import { containerOptions, fargateTask } from './container.ts';
import { deletionProtection } from './context.ts';
import { settings } from './settings.ts';

export interface FoundationProps extends StackProps {
  /** Tag of the image in the ECR repository that the migrations task runs (the deploy workflow passes the commit SHA). */
  readonly imageTag: string;
  /** GitHub repository (owner/name) whose `production` environment may assume the deploy role through OIDC. */
  readonly githubRepository: string;
  /** Create the account's GitHub OIDC identity provider (false when the account already has one). */
  readonly createGithubOidcProvider: boolean;
}

/**
 * Everything the service stands on and that must exist before a release: key, network, image repository, database,
 * secrets, the cluster, the migrations task, and the role the deploy workflow assumes. The deploy workflow deploys
 * this stack, pushes the image, runs the migrations task, then deploys the service stack.
 */
export class FoundationStack extends Stack {
  readonly key: kms.Key;
  readonly vpc: ec2.Vpc;
  readonly repository: ecr.Repository;
  readonly cluster: ecs.Cluster;
  readonly appSecurityGroup: ec2.SecurityGroup;
  readonly loadBalancerSecurityGroup: ec2.SecurityGroup;
  readonly database: rds.DatabaseInstance;
  readonly jwtSecret: secretsmanager.Secret | undefined;
  readonly logGroup: logs.LogGroup;
  readonly executionRole: iam.Role;
  readonly taskRole: iam.Role;
  readonly migrateTask: ecs.FargateTaskDefinition;

  constructor(scope: Construct, id: string, props: FoundationProps) {
    super(scope, id, props);
    const retention = settings.logRetentionDays as logs.RetentionDays;

    // One customer-managed key for everything this app stores: logs, secrets, images, the database and its backups.
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${settings.name}`,
      description: `${settings.name}: logs, secrets, container images and database storage`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch Logs encrypts this account's log groups in this region with the key.
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'CloudWatchLogs',
      principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:log-group:*` } },
    }));

    // Two availability zones: public subnets for the load balancer and the NAT gateway, private ones for tasks and database.
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention, encryptionKey: this.key, removalPolicy: RemovalPolicy.RETAIN });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(settings.vpcCidr),
      maxAzs: 2,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 24 },
      ],
      flowLogs: { all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL } },
      // A custom resource (a Lambda function) would be needed to empty the default security group; nothing uses it.
      restrictDefaultSecurityGroup: false,
    });
    const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };

    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: settings.name,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: this.key,
      lifecycleRules: [{ description: 'Keep the 50 most recent images', maxImageCount: 50 }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Traffic: internet → load balancer (443, and 80 redirected) → tasks (the container port) → database. The groups
    // live here, so the rules the service stack adds between them stay in this stack (no reference back to it).
    this.loadBalancerSecurityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      description: `Load balancer of ${settings.name}: HTTPS from the internet`,
      allowAllOutbound: false,
    });
    this.loadBalancerSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    this.loadBalancerSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP from the internet, redirected to HTTPS');
    skipCheck(this.loadBalancerSecurityGroup, 'CKV_AWS_260', 'Port 80 only answers with a permanent redirect to HTTPS (the service stack’s HTTP listener)');
    this.appSecurityGroup = new ec2.SecurityGroup(this, 'AppSecurityGroup', {
      vpc: this.vpc,
      description: `Tasks of ${settings.name}: the container port from the load balancer only`,
      allowAllOutbound: false,
    });
    this.appSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs (ECR, Secrets Manager, CloudWatch Logs) through the NAT gateway');
    const dbSecurityGroup = new ec2.SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc: this.vpc,
      description: `Database of ${settings.name}: reachable from the tasks only`,
      allowAllOutbound: false,
    });

    // RDS keeps the master password in Secrets Manager (encrypted with the key) and rotates it; the tasks read it at start.
    const db = settings.database;
    const engine = db.engine === 'postgres'
      ? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(db.version, db.version) })
      : rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.of(db.version, db.version) });
    const parameters: Record<string, string> = db.engine === 'postgres'
      ? { 'rds.force_ssl': '1', log_min_duration_statement: '1000', log_statement: 'ddl' }
      : { require_secure_transport: '1', slow_query_log: '1', long_query_time: '1' };
    this.database = new rds.DatabaseInstance(this, 'Database', {
      instanceIdentifier: settings.name,
      engine,
      instanceType: new ec2.InstanceType(db.instanceType.replace(/^db\./, '')),
      databaseName: db.name,
      port: db.port,
      credentials: rds.Credentials.fromUsername(db.username, { encryptionKey: this.key }),
      manageMasterUserPassword: true,
      vpc: this.vpc,
      vpcSubnets: privateSubnets,
      securityGroups: [dbSecurityGroup],
      publiclyAccessible: false,
      multiAz: true,
      allocatedStorage: db.storageGb,
      maxAllocatedStorage: db.maxStorageGb,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      parameterGroup: new rds.ParameterGroup(this, 'DatabaseParameters', { engine, parameters }),
      iamAuthentication: true,
      autoMinorVersionUpgrade: true,
      backupRetention: Duration.days(db.backupRetentionDays),
      copyTagsToSnapshot: true,
      deletionProtection: deletionProtection(this),
      removalPolicy: RemovalPolicy.SNAPSHOT,
      cloudwatchLogsExports: [...db.logExports],
      monitoringInterval: Duration.seconds(60),
    });
    // The exported logs' groups, created here with the key and retention (RDS would create them unencrypted, and
    // cloudwatchLogsRetention would need a Lambda function to set the retention afterwards).
    for (const log of db.logExports) {
      const group = new logs.LogGroup(this, `DatabaseLogs-${log}`, {
        logGroupName: `/aws/rds/instance/${settings.name}/${log}`,
        retention,
        encryptionKey: this.key,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.database.node.addDependency(group);
    }
    this.database.connections.allowFrom(this.appSecurityGroup, ec2.Port.tcp(db.port), `${db.label} from the tasks`);

    // JWT_SECRET: generated once by Secrets Manager, never written to a file or the template.
    this.jwtSecret = settings.jwtSecret
      ? new secretsmanager.Secret(this, 'JwtSecret', {
          secretName: `${settings.name}/jwt-secret`,
          description: `JWT_SECRET of ${settings.name}`,
          encryptionKey: this.key,
          generateSecretString: { passwordLength: 64, excludePunctuation: true },
        })
      : undefined;

    this.cluster = new ecs.Cluster(this, 'Cluster', {
      clusterName: settings.name,
      vpc: this.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/ecs/${settings.name}`,
      retention,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Execution role: pulls the image, writes logs and reads exactly this app's secrets at task start (granted by
    // the container definitions). Task role: the app calls no AWS API, so it has no permissions at all.
    const tasksPrincipal = new iam.ServicePrincipal('ecs-tasks.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': this.account } } });
    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: `${settings.name}-execution`,
      assumedBy: tasksPrincipal,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonECSTaskExecutionRolePolicy')],
    });
    this.taskRole = new iam.Role(this, 'TaskRole', { roleName: `${settings.name}-task`, assumedBy: tasksPrincipal });

    // The migrations as a one-off task: the deploy workflow runs it after pushing the image, before the service update.
    this.migrateTask = fargateTask(this, 'MigrateTask', `${settings.name}-migrate`, this);
    this.migrateTask.addContainer('migrate', containerOptions(this, this, props.imageTag, settings.migrate, 'migrate'))
      .addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });

    const deployRole = this.githubDeployRole(props);

    new CfnOutput(this, 'RepositoryUri', { value: this.repository.repositoryUri, description: 'Where the deploy workflow pushes images.' });
    new CfnOutput(this, 'ClusterName', { value: this.cluster.clusterName });
    new CfnOutput(this, 'MigrateTaskDefinitionArn', { value: this.migrateTask.taskDefinitionArn, description: 'Migrations, run by the deploy workflow before each service update.' });
    new CfnOutput(this, 'PrivateSubnetIds', { value: Fn.join(',', this.vpc.selectSubnets(privateSubnets).subnetIds) });
    new CfnOutput(this, 'AppSecurityGroupId', { value: this.appSecurityGroup.securityGroupId });
    new CfnOutput(this, 'DatabaseEndpoint', { value: this.database.dbInstanceEndpointAddress, description: 'Private endpoint of the database (reachable from the tasks only).' });
    new CfnOutput(this, 'DatabaseSecretArn', { value: this.database.secret!.secretArn, description: 'Secrets Manager secret with the database login, managed and rotated by RDS.' });
    new CfnOutput(this, 'DeployRoleArn', { value: deployRole.roleArn, description: 'Role for the deploy workflow (GitHub variable AWS_DEPLOY_ROLE_ARN).' });
  }

  /**
   * GitHub Actions deploys with short-lived credentials: the workflow's OIDC token is exchanged for this role, which
   * only the repository's `production` environment may assume. It can deploy through the CDK bootstrap roles, push
   * to this repository and run this app's migrations task, and nothing else.
   */
  private githubDeployRole(props: FoundationProps): iam.Role {
    const issuer = 'token.actions.githubusercontent.com';
    const providerArn = props.createGithubOidcProvider
      ? new iam.OidcProviderNative(this, 'GithubOidc', { url: `https://${issuer}`, clientIds: ['sts.amazonaws.com'] }).oidcProviderArn
      : `arn:${this.partition}:iam::${this.account}:oidc-provider/${issuer}`;
    const role = new iam.Role(this, 'DeployRole', {
      roleName: `${settings.name}-github-deploy`,
      description: `Assumed by the deploy workflow of ${props.githubRepository}`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: `repo:${props.githubRepository}:environment:production` },
      }),
    });
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'CdkDeploy',
      actions: ['sts:AssumeRole'],
      resources: [`arn:${this.partition}:iam::${this.account}:role/cdk-*`],
    }));
    this.repository.grantPullPush(role);
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'RunMigrations',
      actions: ['ecs:RunTask'],
      resources: [`arn:${this.partition}:ecs:${this.region}:${this.account}:task-definition/${settings.name}-migrate:*`],
      conditions: { ArnEquals: { 'ecs:cluster': this.cluster.clusterArn } },
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'WatchMigrationsAndService',
      actions: ['ecs:DescribeTasks', 'ecs:DescribeServices'],
      resources: [
        `arn:${this.partition}:ecs:${this.region}:${this.account}:task/${settings.name}/*`,
        `arn:${this.partition}:ecs:${this.region}:${this.account}:service/${settings.name}/*`,
      ],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'PassTaskRoles',
      actions: ['iam:PassRole'],
      resources: [this.executionRole.roleArn, this.taskRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    }));
    return role;
  }
}
