import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeRule } from '../nag.js';
import { LAMBDA_BUNDLING } from '../bundling.js';

/** FEATURES entries are relative to the repository root, two levels above this file. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ImFunctionProps {
  /** Handler file relative to the repository root (a FEATURES entry); it exports `handler`. */
  entry: string;
  description: string;
  logRetention: RetentionDays;
  environment?: Record<string, string>;
  /** Reserved concurrent executions (setting `reservedConcurrency`); unset: the account's unreserved pool. */
  reservedConcurrency?: number;
  /**
   * A role shared with other Lambdas granted exactly the same (lib/im-stack.ts, `sharedRoles`); each still writes
   * only to logs it is granted, its own log group's grant joins the shared role. Unset: a role of its own.
   */
  role?: Role;
}

/**
 * Every Lambda of the product, with every default in one place: Node 22 on
 * arm64, an ESM bundle without the AWS SDK (the runtime ships v3), its own
 * log group with a retention, and its own role that starts with nothing but
 * writing to that log group (grants are added by the stack), unless it is given
 * a role shared with Lambdas granted the same.
 */
export class ImFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  /** The role is shared with other Lambdas: a grant to it is a grant to all of them. */
  readonly sharesRole: boolean;

  constructor(scope: Construct, id: string, props: ImFunctionProps) {
    super(scope, id);
    // The logs live and die with the function; the retention bounds their cost meanwhile.
    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    // A role of our own instead of AWSLambdaBasicExecutionRole, which may create and write every log group in the account.
    this.sharesRole = props.role !== undefined;
    this.role = props.role ?? new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `${id}: ${props.description}` });
    logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      // Handlers make a few DynamoDB calls and at most a 2 s webhook; API Gateway gives up after 29 s anyway.
      timeout: Duration.seconds(10),
      // Lambda CPU grows with memory; 512 MB keeps cold starts (bundle parse, SDK clients, secret fetch) short.
      memorySize: 512,
      role: this.role,
      logGroup,
      ...(props.reservedConcurrency !== undefined && { reservedConcurrentExecutions: props.reservedConcurrency }),
      environment: props.environment,
      bundling: {
        ...LAMBDA_BUNDLING,
        format: OutputFormat.ESM,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        externalModules: [...LAMBDA_BUNDLING.externalModules],
      },
    });
    acknowledgeRule(this, 'L1', 'The project pins nodejs22.x: handlers are developed and tested on Node 20/22, and moving to nodejs24.x is a deliberate upgrade made after testing on it, not an automatic one.');
  }
}
