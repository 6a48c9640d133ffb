/**
 * The Lambda functions of the product: one per feature, each serving every
 * route of its feature, plus the `$connect` authorizer. Pure data: the CDK
 * stack and the local gateway read it to find each handler.
 */
export const FEATURES = {
  authorizer: { entry: 'functions/connections/authorizer-handler.ts', description: 'WebSocket $connect REQUEST authorizer (UserSig)' },
  connections: { entry: 'functions/connections/handler.ts', description: '$connect, $disconnect, $default, ping, presence' },
  accounts: { entry: 'functions/accounts/handler.ts', description: 'im_open_login_svc' },
  profile: { entry: 'functions/profile/handler.ts', description: 'profile: portrait_set/get, profile.* actions' },
  push: { entry: 'functions/push/handler.ts', description: 'push devices and SNS platform endpoints' },
  webhooks: { entry: 'functions/webhooks/handler.ts', description: 'after-callbacks: posts queued webhook events to the app backend' },
} as const;

export type Feature = keyof typeof FEATURES;
/** Features reached through API routes; the authorizer and the after-callback queue's consumer have none. */
export type RoutedFeature = Exclude<Feature, 'authorizer' | 'webhooks'>;
