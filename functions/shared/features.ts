/**
 * The Lambda functions of the product: one per feature, each serving every
 * route of its feature, plus the `$connect` authorizer. Pure data: the CDK
 * stack and the local gateway read it to find each handler.
 */
export const FEATURES = {
  authorizer: { entry: 'functions/connections/authorizer-handler.ts', description: 'WebSocket $connect REQUEST authorizer (UserSig)' },
  connections: { entry: 'functions/connections/handler.ts', description: '$connect, $disconnect, $default, ping, presence' },
  accounts: { entry: 'functions/accounts/handler.ts', description: 'im_open_login_svc' },
  groups: { entry: 'functions/groups/handler.ts', description: 'group_open_http_svc management: groups, members, applications; group.* actions' },
  profile: { entry: 'functions/profile/handler.ts', description: 'profile: portrait_set/get, profile.* actions' },
  sns: { entry: 'functions/sns/handler.ts', description: 'relationship chain (REST service sns): friends, friend requests, friend lists, blocklist' },
  push: { entry: 'functions/push/handler.ts', description: 'push devices and SNS platform endpoints' },
  c2c: { entry: 'functions/c2c/handler.ts', description: 'one-to-one messages: sends, history, deletion for one side, recall and read by REST (openim C2C commands, c2c.send, history.c2c, msg.delete), global mute and operations (openconfigsvr, ConfigSvc: functions/ops)' },
  conversations: { entry: 'functions/conversations/handler.ts', description: 'conversation lists and settings of C2C and group conversations alike: recentcontact, conversation.* (pins, marks, custom data, deletion, conversation groups)' },
  msgactions: { entry: 'functions/msgactions/handler.ts', description: 'actions on a message of either kind of conversation: msg.read, msg.recall, msg.modify, msg.receipt.send/get, msg.extensions.*, and the C2C REST commands of the same operations (modify_c2c_msg, c2c_msg_read_receipt, openim_msg_ext_http_svc)' },
  groupmsg: { entry: 'functions/groupmsg/handler.ts', description: 'group messages: send, history, recall, edits, pins, read receipts, mute, system notifications, import, unread (group_open_http_svc message commands, group.send, history.group)' },
  groupattrs: { entry: 'functions/groupattrs/handler.ts', description: 'group attributes and counters (group_open_http_svc *_group_attr and *_group_counter, group_open_attr_http_svc; group.attributes.*, group.counters.*)' },
  webhooks: { entry: 'functions/webhooks/handler.ts', description: 'after-callbacks: posts queued webhook events to the app backend' },
  broadcast: { entry: 'functions/broadcast/handler.ts', description: 'all_member_push: im_push broadcasts, push attributes and tags; broadcast.sync' },
  official: { entry: 'functions/official/handler.ts', description: 'official accounts: official_account_open_http_svc, official.* actions (functions/official)' },
  pushworker: { entry: 'functions/push/worker-handler.ts', description: 'offline pushes: publishes queued push jobs to SNS mobile push, drops dead endpoints' },
  history: { entry: 'functions/history/handler.ts', description: 'open_msg_svc/get_history: download URLs of the hourly message-log files (the only routed function that reads the message-log bucket)' },
  groupfanout: { entry: 'functions/groupmsg/worker-handler.ts', description: 'group message fan-out: posts large and AVChatRoom deliveries queued by sends, combined per connection' },
} as const;

export type Feature = keyof typeof FEATURES;
/** Features reached through API routes; the authorizer and the after-callback queue's consumer have none. */
export type RoutedFeature = Exclude<Feature, 'authorizer' | 'webhooks' | 'pushworker' | 'groupfanout'>;
