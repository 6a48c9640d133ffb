import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { LocalLambdas } from '../lambda-runtime.js';
import type { RouteMatch, RouteTable } from './route-table.js';

/** HTTP APIs cap payloads at 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export const readBody = (req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > limit) { reject(Object.assign(new Error('payload too large'), { status: 413 })); req.destroy(); return; }
    chunks.push(c);
  });
  req.on('end', () => resolve(Buffer.concat(chunks)));
  req.on('error', reject);
});

/** Query parameters as HTTP API delivers them: percent-decoded, repeated keys joined by commas. */
export function parseQuery(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    out[key] = key in out ? `${out[key]},${value}` : value;
  }
  return out;
}

/** Builds the payload-format-2.0 event API Gateway's HTTP API would send for the matched route. */
export function httpApiEvent(req: IncomingMessage, body: Buffer, route: Pick<RouteMatch, 'routeKey' | 'pathParameters'>): APIGatewayProxyEventV2 {
  const { routeKey, pathParameters } = route;
  const url = new URL(req.url ?? '/', 'http://local');
  const rawQueryString = url.search.slice(1);
  const now = new Date();
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v ?? '']));
  const isText = body.length === 0 || /json|text|x-www-form-urlencoded/.test(headers['content-type'] ?? 'application/json');
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    ...(rawQueryString && { queryStringParameters: parseQuery(rawQueryString) }),
    ...(pathParameters && { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET', path: url.pathname, protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 && { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: !isText,
  };
}

/** Serves `POST /v4/{service}/{command}` (and everything else, on `$default`) by invoking the matched route's feature Lambda. */
export async function serveHttpApi(req: IncomingMessage, res: ServerResponse, lambdas: LocalLambdas, table: RouteTable): Promise<void> {
  const body = await readBody(req);
  const path = new URL(req.url ?? '/', 'http://local').pathname;
  const route = table.restRoute(req.method ?? 'GET', path);
  const result = (await lambdas.invoke(route.feature, httpApiEvent(req, body, route), 'api')) as APIGatewayProxyStructuredResultV2 | undefined;
  res.writeHead(result?.statusCode ?? 200, { 'content-type': 'application/json', ...(result?.headers as Record<string, string>) });
  res.end(result?.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : result?.body ?? '');
}
