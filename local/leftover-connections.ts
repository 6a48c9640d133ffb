import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localDynamoClient } from './dynamodb-local.js';

export interface LeftoverConnection { userId: string; connectionId: string; platform: string; instance: string; connectedAt: number }

/**
 * The connection records in the Connections table (sk `C#<connectionId>`). When the local gateway starts, none of them
 * is open (the process that held their sockets is gone, e.g. killed without running `$disconnect`), so the gateway
 * disconnects each; a table of a running gateway also holds its own open connections, which the caller leaves out.
 */
export async function listConnectionRecords(endpoint: string, tableName: string): Promise<LeftoverConnection[]> {
  const client = localDynamoClient(endpoint);
  const found: LeftoverConnection[] = [];
  try {
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(new ScanCommand({
        TableName: tableName, FilterExpression: 'begins_with(sk, :c)', ExpressionAttributeValues: { ':c': { S: 'C#' } }, ExclusiveStartKey: start,
      }));
      for (const item of page.Items ?? []) {
        const r = unmarshall(item);
        found.push({ userId: String(r.userId), connectionId: String(r.connectionId), platform: String(r.platform), instance: String(r.instance), connectedAt: Number(r.connectedAt) });
      }
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
  } finally {
    client.destroy();
  }
  return found;
}
