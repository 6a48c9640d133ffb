import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signUserSig } from '../../functions/shared/usersig.js';
import { userIdProblem } from '../../functions/shared/identifiers.js';
import { bundleClientSdk, TENCENT_ENTRY } from './sdk-bundle.js';

const DEV_SIG_LIFETIME_S = 86400;
const FILES: Record<string, { file: string; type: string }> = {
  '/demo': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/demo/demo.css': { file: 'demo.css', type: 'text/css; charset=utf-8' },
  '/demo/tencent': { file: 'tencent.html', type: 'text/html; charset=utf-8' },
  '/demo/tencent-app.js': { file: 'tencent-app.js', type: 'text/javascript; charset=utf-8' },
};

/** Bundles made on first request: our client SDK, and the `@tencentcloud/chat`-compatible entry the Tencent-docs page imports. */
const BUNDLES: Record<string, { entry?: string; code?: Promise<string> }> = { '/demo/sdk.js': {}, '/demo/tencent/chat.js': { entry: TENCENT_ENTRY } };

/**
 * The browser chat demo (`/demo`, the SDK bundled on first request as
 * `/demo/sdk.js`), a page written from Tencent's Web SDK docs (`/demo/tencent`,
 * importing `@tencentcloud/chat` from `/demo/tencent/chat.js` by an import map)
 * and `/_local/dev-usersig`, which mints a UserSig for any UserID. They exist
 * only in the local stack: they are not Lambda routes.
 */
export async function serveDemo(req: IncomingMessage, res: ServerResponse, app: { sdkAppId: number; secretKey: string }): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  if (url.pathname === '/_local/dev-usersig') {
    const userId = url.searchParams.get('userid') ?? '';
    const problem = userIdProblem(userId);
    if (problem) return json(res, 400, { error: `userid: ${problem}` });
    const userSig = signUserSig({ sdkAppId: app.sdkAppId, secretKey: app.secretKey, identifier: userId, expire: DEV_SIG_LIFETIME_S, time: Math.floor(Date.now() / 1000) });
    return json(res, 200, { sdkAppId: app.sdkAppId, userId, userSig });
  }
  const bundle = BUNDLES[url.pathname];
  if (bundle) {
    bundle.code ??= bundleClientSdk({ entry: bundle.entry });
    const body = await bundle.code.catch((e: unknown) => { bundle.code = undefined; throw e; });
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
    return void res.end(body);
  }
  const entry = FILES[url.pathname];
  if (!entry) return json(res, 404, { message: 'Not Found' });
  const body = await readFile(new URL(entry.file, import.meta.url));
  res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
