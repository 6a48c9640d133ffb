import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionGateway } from './connection-gateway.js';

const isGone = (e: unknown) => e instanceof GoneException || (e as { name?: string }).name === 'GoneException';

/** The @connections management API of the WebSocket stage (or the local gateway's). */
export class ApiGatewayConnectionGateway implements ConnectionGateway {
  constructor(private readonly client: ApiGatewayManagementApiClient) {}

  async post(connectionId: string, frame: string): Promise<'sent' | 'gone'> {
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from(frame) }));
      return 'sent';
    } catch (e) {
      if (isGone(e)) return 'gone';
      throw e;
    }
  }

  async close(connectionId: string): Promise<void> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    } catch (e) {
      if (!isGone(e)) throw e;
    }
  }
}
