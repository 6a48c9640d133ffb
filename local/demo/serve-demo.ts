import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signUserSig } from '../../functions/shared/usersig.js';
import { userIdProblem } from '../../functions/shared/identifiers.js';
import { bundleClientSdk } from './sdk-bundle.js';

const DEV_SIG_LIFETIME_S = 86400;
const FILES: Record<string, { file: string; type: string }> = {
  '/demo': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
};

let sdk: Promise<string> | undefined;

/**
 * The browser chat demo (`/demo`, the SDK bundled on first request as
 * `/demo/sdk.js`) and `/_local/dev-usersig`, which mints a UserSig for any
 * UserID. Both exist only in the local stack: they are not Lambda routes.
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
  if (url.pathname === '/demo/sdk.js') {
    sdk ??= bundleClientSdk();
    const body = await sdk.catch((e: unknown) => { sdk = undefined; throw e; });
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
