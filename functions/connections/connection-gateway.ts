/** Sends frames to, and closes, WebSocket connections (API Gateway's @connections API). */
export interface ConnectionGateway {
  /** 'gone' when API Gateway no longer knows the connection (410 GoneException). */
  post(connectionId: string, frame: string): Promise<'sent' | 'gone'>;
  close(connectionId: string): Promise<void>;
}
