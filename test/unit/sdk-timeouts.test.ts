import { createServer, type Server, type Socket } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsContext } from '../../functions/shared/aws/load-runtime.js';
import { CONNECTIONS_CLIENT, DYNAMODB_CLIENT } from '../../functions/shared/aws/sdk-timeouts.js';
import { parseAppConfig } from '../../functions/app-config.js';

/** An endpoint that accepts connections and never answers: a hung socket. */
let server: Server;
let endpoint: string;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = createServer((socket) => { sockets.push(socket); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const handlerConfig = async (client: { config: { requestHandler: unknown } }) =>
  (await (client.config.requestHandler as { configProvider: Promise<Record<string, unknown>> }).configProvider);

describe('SDK clients of the handlers', () => {
  it('bound each DynamoDB and @connections attempt, and make a passed request timeout an error', async () => {
    const context = awsContext({ IM_CONNECTIONS_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' }, parseAppConfig({ sdkAppId: 1400000000 }));
    expect(await handlerConfig(context.db)).toMatchObject({ connectionTimeout: 3000, requestTimeout: 5000, throwOnRequestTimeout: true });
    expect(await context.db.config.maxAttempts()).toBe(3);
    const management = context.management();
    expect(await handlerConfig(management)).toMatchObject({ connectionTimeout: 3000, requestTimeout: 3000, throwOnRequestTimeout: true });
    expect(await management.config.maxAttempts()).toBe(3);
  });

  it('fail a hung attempt at its request timeout (without throwOnRequestTimeout the SDK only warns and waits)', async () => {
    const short = { ...DYNAMODB_CLIENT.requestHandler, requestTimeout: 300 };
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1, requestHandler: short });
    const started = Date.now();
    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(5000);
    client.destroy();
    // The same bounds as the @connections client, shortened: also an error.
    expect(CONNECTIONS_CLIENT.requestHandler.throwOnRequestTimeout).toBe(true);
  });
});
