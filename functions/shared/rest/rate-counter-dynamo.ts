import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../aws/dynamo-errors.js';
import type { RateClaim, RateCounter } from './rate-counter.js';

/** A counter outlives its second by a minute, then DynamoDB's TTL deletes it. */
const TTL_SECONDS = 60;

/**
 * Messages table, `RATE#<key>`/`<unix second>`: `calls`, `ttl`. Never read: the conditional
 * `ADD` refuses what would pass the limit, and its failure carries the count found.
 */
export class DynamoRateCounter implements RateCounter {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async take(key: string, second: number, want: number, limit: number): Promise<RateClaim> {
    const first = await this.add(key, second, Math.min(want, limit), limit);
    if (first.granted > 0 || first.count >= limit) return first;
    // Fewer than `want` were left: take exactly those (another container may win the race; then none).
    return this.add(key, second, limit - first.count, limit);
  }

  private async add(key: string, second: number, n: number, limit: number): Promise<RateClaim> {
    try {
      const out = await this.db.send(new UpdateCommand({
        TableName: this.table, Key: { pk: `RATE#${key}`, sk: String(second) },
        UpdateExpression: 'ADD calls :n SET #ttl = if_not_exists(#ttl, :ttl)',
        ConditionExpression: 'attribute_not_exists(calls) OR calls <= :room',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':n': n, ':room': limit - n, ':ttl': second + TTL_SECONDS },
        ReturnValues: 'UPDATED_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return { granted: n, count: Number(out.Attributes?.calls ?? n) };
    } catch (e) {
      if (!isConditionFailure(e)) throw e;
      // The exception carries the old item in the low-level (marshalled) format.
      const calls = (e as { Item?: { calls?: { N?: string } } }).Item?.calls?.N;
      return { granted: 0, count: Number(calls ?? limit) };
    }
  }
}
