import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayManagementApiClient, GetConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { CreatePlatformEndpointCommand, NotFoundException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack, uniqueId } from '../support/stack.js';
import { connect } from '../support/ws-client.js';
import { allServicesFromEnv } from '../support/all-services.js';
import { deliverToUser } from '../../functions/connections/deliver.js';
import { CONNECT_HANDSHAKE_MS } from '../../functions/connections/connection-store.js';

let stack: LocalStack;
let management: ApiGatewayManagementApiClient;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

beforeAll(async () => {
  stack = await startTestStack();
  management = new ApiGatewayManagementApiClient({ endpoint: `${stack.url}/local`, region: 'us-east-1', credentials });
});
afterAll(async () => { await stack?.stop(); });

describe('@connections API served to the real ApiGatewayManagementApiClient', () => {
  it('delivers PostToConnection to the socket and answers GetConnection', async () => {
    const client = await connect(stack, uniqueId());
    const [id] = [...stack.websocket.connections.keys()].slice(-1);
    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: Buffer.from('{"event":"hello","data":{}}') }));
    expect(await client.event('hello')).toEqual({ event: 'hello', data: {} });
    const info = await management.send(new GetConnectionCommand({ ConnectionId: id }));
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    await client.close();
  });

  it('throws GoneException for a connection that is gone', async () => {
    await expect(management.send(new PostToConnectionCommand({ ConnectionId: 'bm9wZQ==', Data: Buffer.from('x') })))
      .rejects.toBeInstanceOf(GoneException);
  });

  it('deliverToUser removes the gone connection, not the live one', async () => {
    const user = uniqueId();
    const live = await connect(stack, user, { platform: 'Web' });
    const services = allServicesFromEnv(process.env);
    // A record left behind by a crash: API Gateway no longer knows this id.
    const then = Date.now() - CONNECT_HANDSHAKE_MS - 1000;
    await services.connections.put({ userId: user, connectionId: 'Z2hvc3Q=', platform: 'iOS', instance: 'ghost', connectedAt: then, lastSeen: then });
    const report = await deliverToUser(services, user, JSON.stringify({ event: 'probe', data: {} }));
    expect(report).toEqual({ sent: 1, gone: 1 });
    expect(await live.event('probe')).toMatchObject({ event: 'probe' });
    const left = await services.connections.listByUser(user, Date.now());
    expect(left.map((c) => c.instance)).toEqual(['Web']);
    await live.close();
  });

  it('keeps a connection that answers gone while its $connect is still running', async () => {
    // API Gateway says GoneException until $connect returns, but the record is written by then:
    // dropping it would leave the socket open with no live delivery.
    const user = uniqueId();
    const services = allServicesFromEnv(process.env);
    const now = Date.now();
    await services.connections.put({ userId: user, connectionId: 'Y29ubmVjdGluZw==', platform: 'Android', instance: 'a1', connectedAt: now, lastSeen: now });
    expect(await deliverToUser(services, user, JSON.stringify({ event: 'probe', data: {} }))).toEqual({ sent: 0, gone: 1 });
    expect((await services.connections.listByUser(user, Date.now())).map((c) => c.instance)).toEqual(['a1']);
  });
});

describe('SNS stand-in served to the real SNSClient', () => {
  it('creates platform endpoints, publishes JSON payloads and records both in the push outbox', async () => {
    const sns = new SNSClient({ endpoint: `${stack.url}/_local/sns`, region: 'us-east-1', credentials });
    const app = 'arn:aws:sns:us-east-1:000000000000:app/APNS/demo';
    const { EndpointArn } = await sns.send(new CreatePlatformEndpointCommand({ PlatformApplicationArn: app, Token: 'device-token-1' }));
    expect(EndpointArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:endpoint\/APNS\/demo\//);
    const message = JSON.stringify({ APNS: JSON.stringify({ aps: { alert: 'Alice: hi' } }) });
    const { MessageId } = await sns.send(new PublishCommand({ TargetArn: EndpointArn, MessageStructure: 'json', Message: message }));
    expect(MessageId).toBeTruthy();
    const outbox = (await (await fetch(`${stack.url}/_local/push-outbox`)).json()) as Array<{ action: string; message?: unknown }>;
    expect(outbox.map((e) => e.action)).toEqual(['CreatePlatformEndpoint', 'Publish']);
    expect(outbox[1]!.message).toEqual({ APNS: { aps: { alert: 'Alice: hi' } } });
  });

  it('answers Publish to an unknown endpoint with NotFound', async () => {
    const sns = new SNSClient({ endpoint: `${stack.url}/_local/sns`, region: 'us-east-1', credentials });
    await expect(sns.send(new PublishCommand({ TargetArn: 'arn:aws:sns:us-east-1:000000000000:endpoint/APNS/demo/none', Message: 'x' })))
      .rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('healthz', () => {
  it('answers 200 once ready', async () => {
    const res = await fetch(`${stack.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
