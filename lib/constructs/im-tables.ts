import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, type Attribute } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { KeyDefinition, TableDefinition } from '../../functions/shared/tables.js';
import { acknowledgeWildcardResource } from '../nag.js';

export interface ImTablesProps {
  definitions: readonly TableDefinition[];
}

const attribute = (key: KeyDefinition): Attribute =>
  ({ name: key.name, type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING });

/**
 * One DynamoDB table per definition in functions/shared/tables.ts: on-demand,
 * point-in-time recovery, TTL and GSIs as declared, kept when the stack goes
 * (messages and accounts outlive any deployment).
 */
export class ImTables extends Construct {
  private readonly tables = new Map<TableDefinition, Table>();

  constructor(scope: Construct, id: string, props: ImTablesProps) {
    super(scope, id);
    for (const def of props.definitions) {
      const table = new Table(this, def.id, {
        partitionKey: attribute(def.partitionKey),
        ...(def.sortKey && { sortKey: attribute(def.sortKey) }),
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        ...(def.timeToLiveAttribute && { timeToLiveAttribute: def.timeToLiveAttribute }),
        ...(def.stream && { stream: StreamViewType.NEW_IMAGE }),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of def.globalSecondaryIndexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.indexName,
          partitionKey: attribute(index.partitionKey),
          ...(index.sortKey && { sortKey: attribute(index.sortKey) }),
        });
      }
      this.tables.set(def, table);
    }
  }

  table(def: TableDefinition): Table {
    const table = this.tables.get(def);
    if (!table) throw new Error(`table ${def.id} is not part of this stack`);
    return table;
  }

  /** Every table's name in its `envVar`: the runtime builds all stores at cold start, whatever it is granted. */
  exposeNames(fn: LambdaFunction): void {
    for (const [def, table] of this.tables) fn.addEnvironment(def.envVar, table.tableName);
  }

  /** Read and write items (no table administration) on every table, and on their indexes. */
  grantReadWriteData(grantee: IGrantable & Construct): void {
    for (const [def, table] of this.tables) {
      table.grantReadWriteData(grantee);
      if (def.globalSecondaryIndexes?.length) {
        acknowledgeWildcardResource(grantee, `${table.tableArn}/index/*`,
          `Queries on the ${def.id} table's indexes (${def.globalSecondaryIndexes.map((i) => i.indexName).join(', ')}); index ARNs are only addressable as <table>/index/<name>, and the grant covers this table's indexes only.`);
      }
    }
  }
}
