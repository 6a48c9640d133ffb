import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ARCHIVE_FILTER, ARCHIVER, MESSAGE_LOG_BUCKET_ENV } from '../../functions/history/archive-source.js';
import { LOG_KEY_PREFIX } from '../../functions/history/message-log.js';
import { acknowledgeRule, acknowledgeWildcardResource } from '../nag.js';
import { ImFunction } from './im-function.js';

export interface HistoryArchiveProps {
  /** The Messages table, with its NEW_IMAGE stream (functions/shared/tables.ts). */
  messages: ITable;
  /** Objects expire with the messages they hold. */
  retentionDays: number;
  logRetention: RetentionDays;
  /** IM_APP_CONFIG for the archiver (it needs only the SDKAppID, for the files' header). */
  appConfig: string;
}

/**
 * The message log behind `open_msg_svc/get_history`: a private bucket of hourly gzip JSON parts, filled by
 * a small Lambda from the Messages table's stream, so a send pays nothing for it (no index, no extra
 * write). Only the archiver writes (PutObject under `msglog/`); `grantServe` lets one function list, head
 * and read (presign) the parts. Nothing else in the stack is granted the bucket.
 */
export class HistoryArchive extends Construct {
  readonly bucket: Bucket;
  readonly archiver: ImFunction;

  constructor(scope: Construct, id: string, props: HistoryArchiveProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // Tencent keeps the files as long as messages are kept; an object lives at least that long after it is written.
      lifecycleRules: [{ id: 'retention', expiration: Duration.days(props.retentionDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Like the tables: message records outlive a stack deletion.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeRule(this.bucket, 'S1',
      'Server access logs would need a second bucket for a bucket written only by the archiver Lambda and read only through presigned URLs the get_history Lambda issues to app admins; CloudTrail S3 data events can be enabled when an audit trail is required.');

    this.archiver = new ImFunction(this, 'Archiver', {
      entry: ARCHIVER.entry,
      description: ARCHIVER.description,
      logRetention: props.logRetention,
      environment: { IM_APP_CONFIG: props.appConfig, [MESSAGE_LOG_BUCKET_ENV]: this.bucket.bucketName },
    });
    const partsArn = this.bucket.arnForObjects(`${LOG_KEY_PREFIX}*`);
    this.archiver.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [partsArn] }));
    acknowledgeWildcardResource(this.archiver.role, partsArn,
      'The archiver writes part objects named by chat type, hour and stream sequence number, known only at run time; the grant is PutObject under msglog/ of this bucket only.');
    this.archiver.function.addEventSource(new DynamoEventSource(props.messages, {
      startingPosition: StartingPosition.LATEST,
      // Fewer, larger parts: one PutObject per (chat type, hour) per batch, at most a minute late.
      batchSize: 1000,
      maxBatchingWindow: Duration.seconds(60),
      // A part that cannot be written fails the batch; retries rewrite the same part keys (no duplicates).
      retryAttempts: 10,
      filters: [FilterCriteria.filter({
        eventName: FilterRule.isEqual(ARCHIVE_FILTER.eventName),
        dynamodb: {
          Keys: {
            pk: { S: ARCHIVE_FILTER.pkPrefixes.flatMap((p) => FilterRule.beginsWith(p)) },
            sk: { S: FilterRule.beginsWith(ARCHIVE_FILTER.skPrefix) },
          },
        },
      })],
    }));
    // DynamoEventSource grants dynamodb:ListStreams, which IAM only knows on "*".
    acknowledgeWildcardResource(this.archiver.role, '*',
      'dynamodb:ListStreams (granted by the stream event source) has no resource-level permissions; reading records is granted on the Messages table stream only.');
  }

  /** List, head and read (presigned GETs) the parts, and the bucket's name in the environment. */
  grantServe(fn: ImFunction): void {
    if (fn.sharesRole) throw new Error('the message log is granted to one Lambda only: give it a role of its own');
    fn.function.addEnvironment(MESSAGE_LOG_BUCKET_ENV, this.bucket.bucketName);
    const partsArn = this.bucket.arnForObjects(`${LOG_KEY_PREFIX}*`);
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [partsArn] }));
    fn.role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn], conditions: { StringLike: { 's3:prefix': `${LOG_KEY_PREFIX}*` } },
    }));
    acknowledgeWildcardResource(fn.role, partsArn,
      'get_history heads and presigns whichever parts an hour holds; the grant is GetObject under msglog/ of this bucket only.');
  }
}
