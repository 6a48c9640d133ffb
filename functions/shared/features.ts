/**
 * The Lambda functions of the product: one per feature, each serving every
 * route of its feature, plus the `$connect` authorizer. Pure data: the CDK
 * stack and the local gateway read it to find each handler.
 */
export const FEATURES = {
  authorizer: { entry: 'functions/connections/authorizer-handler.ts', description: 'WebSocket $connect REQUEST authorizer (UserSig)' },
  connections: { entry: 'functions/connections/handler.ts', description: '$connect, $disconnect, $default, ping, presence' },
  accounts: { entry: 'functions/accounts/handler.ts', description: 'im_open_login_svc' },
} as const;

export type Feature = keyof typeof FEATURES;
export type RoutedFeature = Exclude<Feature, 'authorizer'>;
