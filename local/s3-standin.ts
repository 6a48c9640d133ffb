import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export interface LocalS3Options {
  /** The path the stand-in is served under, e.g. `/_local/s3`: the S3 client's endpoint path (path-style requests). */
  basePath: string;
  /** Only these buckets exist. */
  buckets: readonly string[];
  /** Objects on disk under `<dataDir>/s3/<bucket>/`; in memory without it (IM_MEMORY=1). */
  dataDir?: string;
}

interface StoredObject {
  key: string;
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: number;
  metadata: Record<string, string>;
}

/** Counts per operation, for tests and the curious. */
export interface LocalS3Stats {
  puts: number;
  gets: number;
  heads: number;
  lists: number;
  /** Presigned GETs refused because they had expired. */
  expired: number;
}

class S3Error extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

const MAX_KEYS = 1000;
/** S3's limit on a presigned URL's lifetime (SigV4): 7 days. */
const MAX_EXPIRES_S = 7 * 86400;
const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const md5Hex = (data: Buffer): string => createHash('md5').update(data).digest('hex');

/** `aws-chunked` bodies (streaming uploads with trailing checksums): `<hex size>[;ext]\r\n<data>\r\n` ... `0\r\n<trailers>\r\n\r\n`. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) throw new S3Error(400, 'IncompleteBody', 'malformed aws-chunked body');
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0]!, 16);
    if (!Number.isFinite(size)) throw new S3Error(400, 'IncompleteBody', 'malformed aws-chunked body');
    if (size === 0) return Buffer.concat(parts);
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** `20240101T000000Z` -> unix ms. */
const amzDate = (value: string): number => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
};

/**
 * Stands in for S3 on one machine, for the real S3Client (path-style, `forcePathStyle`) and for the
 * presigned GET URLs it signs: PutObject, GetObject, HeadObject and ListObjectsV2. A presigned URL is
 * refused once `X-Amz-Date` + `X-Amz-Expires` has passed (403 AccessDenied, as S3 does); signatures are
 * not checked (the local credentials are not secret). Lifecycle rules are not applied: get_history's own
 * retention check (1005) keeps expired hours out of reach.
 */
export class LocalS3 {
  readonly stats: LocalS3Stats = { puts: 0, gets: 0, heads: 0, lists: 0, expired: 0 };
  private readonly memory = new Map<string, Map<string, StoredObject>>();

  constructor(private readonly options: LocalS3Options) {
    for (const bucket of options.buckets) {
      if (options.dataDir) mkdirSync(this.bucketDir(bucket), { recursive: true });
      else this.memory.set(bucket, new Map());
    }
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    try {
      const path = url.pathname.slice(this.options.basePath.length).replace(/^\//, '');
      const slash = path.indexOf('/');
      const bucket = decodeURIComponent(slash < 0 ? path : path.slice(0, slash));
      const key = slash < 0 ? '' : path.slice(slash + 1).split('/').map(decodeURIComponent).join('/');
      if (!this.options.buckets.includes(bucket)) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
      const method = req.method ?? 'GET';
      if (key === '' && method === 'GET' && url.searchParams.get('list-type') === '2') return this.list(bucket, url.searchParams, res);
      if (key !== '' && method === 'PUT') return await this.put(bucket, key, req, res);
      if (key !== '' && (method === 'GET' || method === 'HEAD')) return this.get(bucket, key, url.searchParams, method === 'HEAD', res);
      throw new S3Error(501, 'NotImplemented', `${method} ${key === '' ? 'on a bucket' : 'on an object'} is not supported by the local S3 stand-in`);
    } catch (e) {
      const error = e instanceof S3Error ? e : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
      res.writeHead(error.status, { 'content-type': 'application/xml' });
      // HEAD answers carry no body; the SDK reads the status (NotFound) instead.
      res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xml(error.message)}</Message></Error>`);
    }
  }

  private async put(bucket: string, key: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const encoding = String(req.headers['content-encoding'] ?? '');
    const body = encoding.split(',').map((s) => s.trim()).includes('aws-chunked') ? decodeAwsChunked(raw) : raw;
    const contentMd5 = req.headers['content-md5'];
    if (typeof contentMd5 === 'string' && Buffer.from(contentMd5, 'base64').toString('hex') !== md5Hex(body)) {
      throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice('x-amz-meta-'.length)] = value;
    }
    const object: StoredObject = {
      key, body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'), etag: `"${md5Hex(body)}"`,
      lastModified: Date.now(), metadata,
    };
    this.store(bucket, object);
    this.stats.puts++;
    res.writeHead(200, { etag: object.etag });
    res.end();
  }

  private get(bucket: string, key: string, query: URLSearchParams, head: boolean, res: ServerResponse): void {
    if (query.has('X-Amz-Signature')) {
      const signedAt = amzDate(query.get('X-Amz-Date') ?? '');
      const expires = Number(query.get('X-Amz-Expires'));
      if (!Number.isFinite(signedAt) || !Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES_S) {
        throw new S3Error(400, 'AuthorizationQueryParametersError', 'X-Amz-Date and X-Amz-Expires must name a valid signing time and a lifetime of 1 to 604800 seconds');
      }
      if (Date.now() > signedAt + expires * 1000) {
        this.stats.expired++;
        throw new S3Error(403, 'AccessDenied', 'Request has expired');
      }
    }
    const object = this.load(bucket, key);
    if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    if (head) this.stats.heads++;
    else this.stats.gets++;
    res.writeHead(200, {
      'content-type': object.contentType, 'content-length': String(object.body.length), etag: object.etag,
      'last-modified': new Date(object.lastModified).toUTCString(), 'accept-ranges': 'bytes',
      ...Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
    });
    res.end(head ? undefined : object.body);
  }

  /** ListObjectsV2: keys in UTF-8 binary order after the continuation token (the last key of the previous page). */
  private list(bucket: string, query: URLSearchParams, res: ServerResponse): void {
    const prefix = query.get('prefix') ?? '';
    const maxKeys = Math.min(MAX_KEYS, Math.max(0, Number(query.get('max-keys') ?? MAX_KEYS) || 0));
    const token = query.get('continuation-token');
    const after = token ? Buffer.from(token, 'base64').toString('utf8') : (query.get('start-after') ?? '');
    const keys = this.keys(bucket).filter((k) => k.startsWith(prefix) && k > after).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    this.stats.lists++;
    const contents = page.map((k) => this.load(bucket, k)!).map((o) =>
      `<Contents><Key>${xml(o.key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xml(o.etag)}</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
    const next = truncated ? `<NextContinuationToken>${Buffer.from(page.at(-1)!).toString('base64')}</NextContinuationToken>` : '';
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix>`
      + `${token ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : ''}<KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys>`
      + `<IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`);
  }

  /** Every key of a bucket (tests look at what the archiver wrote). */
  keys(bucket: string): string[] {
    if (!this.options.dataDir) return [...(this.memory.get(bucket)?.keys() ?? [])];
    return readdirSync(this.bucketDir(bucket)).filter((f) => f.endsWith('.json')).map((f) => decodeURIComponent(f.slice(0, -'.json'.length)));
  }

  /** An object's bytes and metadata, or undefined. */
  object(bucket: string, key: string): Readonly<StoredObject> | undefined {
    return this.load(bucket, key);
  }

  private bucketDir(bucket: string): string {
    return join(this.options.dataDir!, 's3', bucket);
  }

  /** On disk: the bytes in `<encoded key>.data`, the rest in `<encoded key>.json` (written last: its presence means the object exists). */
  private store(bucket: string, object: StoredObject): void {
    if (!this.options.dataDir) return void this.memory.get(bucket)!.set(object.key, object);
    const base = join(this.bucketDir(bucket), encodeURIComponent(object.key));
    writeFileSync(`${base}.data`, object.body);
    const { body: _body, ...meta } = object;
    writeFileSync(`${base}.json`, JSON.stringify(meta));
  }

  private load(bucket: string, key: string): StoredObject | undefined {
    if (!this.options.dataDir) return this.memory.get(bucket)?.get(key);
    const base = join(this.bucketDir(bucket), encodeURIComponent(key));
    try {
      const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Omit<StoredObject, 'body'>;
      return { ...meta, body: readFileSync(`${base}.data`) };
    } catch {
      return undefined;
    }
  }
}
