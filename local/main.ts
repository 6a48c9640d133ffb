import { settingsFromEnv } from './settings.js';
import { startLocalStack } from './stack.js';

/** `npm start`: the whole product on this machine (local-stack.md). */
const settings = settingsFromEnv(process.env);
const stack = await startLocalStack(settings);
const admin = settings.config.admins[0]!;
const query = `sdkappid=${settings.config.sdkAppId}&identifier=${admin}&usersig=${stack.adminUserSig}&random=1&contenttype=json`;

console.log(`ready: REST ${stack.url}/v4/{service}/{command}  WebSocket ${stack.wsUrl}  health ${stack.url}/healthz  push outbox ${stack.url}/_local/push-outbox`);
console.log(`  browser demo: ${stack.url}/demo (Tencent Web SDK app: ${stack.url}/demo/tencent)   cost meter: ${stack.url}/_local/cost`);
console.log(`  data: ${settings.dataDir ?? 'in memory (IM_MEMORY=1)'}`);
if (stack.leftoverConnections > 0) console.log(`  ${stack.leftoverConnections} connections left by the last run without $disconnect were disconnected`);
console.log(`  SDKAppID: ${settings.config.sdkAppId}   admin: ${admin}`);
console.log(`  admin UserSig (valid 7 days): ${stack.adminUserSig}`);
console.log(`  try: curl -s -X POST '${stack.url}/v4/im_open_login_svc/account_import?${query}' -d '{"UserID":"alice","Nick":"Alice"}'`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping (finishing in-flight requests)...`);
  stack.stop().then(() => { console.log('stopped'); process.exit(0); }, (e: unknown) => { console.error(e); process.exit(1); });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
