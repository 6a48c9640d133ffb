import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../../local/stack.js';
import { allServicesFromEnv } from './all-services.js';
import { meterCapacity, type CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { startTestStack } from './stack.js';

/** A test stack and the services a Lambda builds, on a DynamoDB client whose consumed capacity is metered. */
export interface MeteredServices { stack: LocalStack; services: ServiceCatalog; meter: CapacityMeter }

export async function startMeteredServices(): Promise<MeteredServices> {
  const stack = await startTestStack();
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const meter = meterCapacity(db);
  return { stack, services: allServicesFromEnv(process.env, stack.config, {}, db), meter };
}
