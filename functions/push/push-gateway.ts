/** The push service behind offline notifications (SNS mobile push in AWS, the SNS stand-in locally). */
export interface PushGateway {
  /** Creates (or finds, for the same token) the platform endpoint and makes sure it is enabled. */
  registerEndpoint(applicationArn: string, token: string, userData: string): Promise<string>;
  /** 'gone' when the endpoint is disabled or deleted (APNs/FCM said the token is dead). */
  publish(endpointArn: string, message: string): Promise<'sent' | 'gone'>;
  deleteEndpoint(endpointArn: string): Promise<void>;
}
