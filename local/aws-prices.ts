/**
 * us-east-1 list prices in USD per unit (on-demand, first tier), as published
 * by AWS in 2025-2026. Override any of them with IM_PRICES (JSON) to model
 * another region or a negotiated rate.
 */
export const US_EAST_1_PRICES = {
  /** DynamoDB on-demand, per write request unit / read request unit. */
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  /** API Gateway WebSocket, per message (billed in 32 KB increments), and per connection minute. */
  websocketMessage: 1.0 / 1e6,
  websocketConnectionMinute: 0.25 / 1e6,
  /** API Gateway HTTP API, per request (billed in 512 KB increments). */
  httpRequest: 1.0 / 1e6,
  /** Lambda on arm64: per request and per GB-second. */
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecond: 0.0000133334,
  /** SNS mobile push notifications, per publish. */
  snsMobilePush: 0.5 / 1e6,
  /** SQS standard queue, per request (64 KB chunks). */
  sqsRequest: 0.4 / 1e6,
} as const;

export type PriceTable = { -readonly [K in keyof typeof US_EAST_1_PRICES]: number };

export function pricesFromEnv(json: string | undefined): PriceTable {
  return { ...US_EAST_1_PRICES, ...(json ? (JSON.parse(json) as Partial<PriceTable>) : {}) };
}
