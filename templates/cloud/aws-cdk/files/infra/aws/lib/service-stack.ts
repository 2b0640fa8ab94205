import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { skipCheck } from './checkov.ts';
import { containerOptions, fargateTask } from './container.ts';
import type { FoundationStack } from './foundation-stack.ts';
import { deletionProtection } from './context.ts';
import { settings } from './settings.ts';

export interface ServiceProps extends StackProps {
  readonly foundation: FoundationStack;
  /** Tag of the image in the ECR repository to run (the deploy workflow passes the commit SHA). */
  readonly imageTag: string;
  /** ARN of an ACM certificate for the HTTPS listener, in the stack's region. */
  readonly certificateArn: string;
}

/**
 * The running app: an internet-facing load balancer with TLS (80 only redirects), AWS WAF in front of it, and the
 * Fargate service in the private subnets with a deployment circuit breaker (rollback) and CPU autoscaling.
 */
export class ServiceStack extends Stack {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props);
    const f = props.foundation;

    const task = fargateTask(this, 'Task', settings.name, f);
    const container = task.addContainer('app', {
      ...containerOptions(this, f, props.imageTag, settings.start, 'app'),
      portMappings: [{ containerPort: settings.port, protocol: ecs.Protocol.TCP }],
    });
    container.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });

    this.service = new ecs.FargateService(this, 'Service', {
      serviceName: settings.name,
      cluster: f.cluster,
      taskDefinition: task,
      desiredCount: settings.scaling.min,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroups: [f.appSecurityGroup],
      assignPublicIp: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableExecuteCommand: false,
    });
    this.service.autoScaleTaskCount({ minCapacity: settings.scaling.min, maxCapacity: settings.scaling.max })
      .scaleOnCpuUtilization('Cpu', {
        targetUtilizationPercent: settings.scaling.cpuTargetPercent,
        scaleInCooldown: Duration.seconds(120),
        scaleOutCooldown: Duration.seconds(60),
      });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      loadBalancerName: settings.name,
      vpc: f.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: f.loadBalancerSecurityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: deletionProtection(this),
    });
    skipCheck(this.loadBalancer, 'CKV_AWS_91', 'Access logs need a dedicated, region-bound S3 bucket; WAF logs and VPC flow logs cover requests and traffic');
    const https = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      certificates: [elbv2.ListenerCertificate.fromArn(props.certificateArn)],
      // The group's rules are set in the foundation stack.
      open: false,
    });
    https.addTargets('App', {
      targetGroupName: settings.name,
      port: settings.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service.loadBalancerTarget({ containerName: 'app', containerPort: settings.port })],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: settings.healthPath,
        port: 'traffic-port',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    const http = this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443, open: false });
    skipCheck(http, 'CKV_AWS_2', 'This listener only redirects to HTTPS');
    skipCheck(http, 'CKV_AWS_103', 'This listener only redirects to HTTPS');

    this.firewall(f.key);

    new CfnOutput(this, 'Url', { value: `https://${this.loadBalancer.loadBalancerDnsName}`, description: 'HTTPS address of the service (point your DNS name at LoadBalancerDnsName).' });
    new CfnOutput(this, 'LoadBalancerDnsName', { value: this.loadBalancer.loadBalancerDnsName, description: 'DNS name of the load balancer, for a CNAME or alias record.' });
    new CfnOutput(this, 'ServiceName', { value: this.service.serviceName });
  }

  /** AWS managed rules in front of the load balancer: common exploits and known bad inputs (Log4j and others), logged. */
  private firewall(key: kms.IKey): void {
    const rule = (name: string, priority: number, group: string): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: group } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: `${settings.name}-${name}`, sampledRequestsEnabled: true },
    });
    const acl = new wafv2.CfnWebACL(this, 'Firewall', {
      name: settings.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rules: [rule('common', 1, 'AWSManagedRulesCommonRuleSet'), rule('known-bad-inputs', 2, 'AWSManagedRulesKnownBadInputsRuleSet')],
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: settings.name, sampledRequestsEnabled: true },
    });
    new wafv2.CfnWebACLAssociation(this, 'FirewallAssociation', { resourceArn: this.loadBalancer.loadBalancerArn, webAclArn: acl.attrArn });
    // WAF log group names must start with aws-waf-logs-.
    const wafLogs = new logs.LogGroup(this, 'FirewallLogs', {
      logGroupName: `aws-waf-logs-${settings.name}`,
      retention: settings.logRetentionDays as logs.RetentionDays,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new wafv2.CfnLoggingConfiguration(this, 'FirewallLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [wafLogs.logGroupArn] });
  }
}
