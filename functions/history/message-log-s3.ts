import type { S3Client } from '@aws-sdk/client-s3';
import { onFirstUse } from '../shared/aws/on-first-use.js';
import type { ChatType } from './log-hours.js';
import { hourPrefix, partKey, type LogFile, type LogPart, type MessageLogReader, type MessageLogWriter } from './message-log.js';
import { MESSAGE_LOG_BUCKET_ENV } from './archive-source.js';

/** How long a download URL works. Short: it is signed with the Lambda's session credentials, which expire within hours. */
export const URL_LIFETIME_S = 900;
/** HEADs in flight while listing an hour (an hour holds about one part per stream batch window). */
const HEAD_CONCURRENCY = 16;

/** The sizes and MD5s travel as object metadata, so listing an hour needs no index: one LIST and a HEAD per part. */
const META = { fileSize: 'file-size', fileMd5: 'file-md5', gzipMd5: 'gzip-md5' } as const;

/**
 * The message log in an S3 bucket. The S3 packages load on first use, so that nothing else in a bundle
 * pays for them at cold start; locally the client reaches the S3 stand-in through AWS_ENDPOINT_URL_S3.
 */
export class S3MessageLog implements MessageLogReader, MessageLogWriter {
  constructor(
    private readonly client: () => Promise<S3Client>,
    private readonly bucket: string,
    private readonly sdkAppId: number,
    private readonly now: () => number = Date.now,
  ) {}

  async putPart(part: LogPart): Promise<void> {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await (await this.client()).send(new PutObjectCommand({
      Bucket: this.bucket, Key: partKey(this.sdkAppId, part), Body: part.gzip,
      // Not Content-Encoding: gzip, which would make HTTP clients unpack the file Tencent hands out packed.
      ContentType: 'application/gzip',
      ContentMD5: Buffer.from(part.gzipMd5, 'hex').toString('base64'),
      Metadata: { [META.fileSize]: String(part.fileSize), [META.fileMd5]: part.fileMd5, [META.gzipMd5]: part.gzipMd5 },
    }));
  }

  async listFiles(chatType: ChatType, msgTime: string): Promise<LogFile[]> {
    const [{ GetObjectCommand, HeadObjectCommand, ListObjectsV2Command }, { getSignedUrl }] =
      await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]);
    const client = await this.client();
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: hourPrefix(chatType, msgTime), ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    keys.sort();
    const files: LogFile[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i += HEAD_CONCURRENCY) {
      await Promise.all(keys.slice(i, i + HEAD_CONCURRENCY).map(async (Key, j) => {
        const head = await client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
        const meta = head.Metadata ?? {};
        const expiresAt = this.now() + URL_LIFETIME_S * 1000;
        files[i + j] = {
          url: await getSignedUrl(client, new GetObjectCommand({ Bucket: this.bucket, Key }), { expiresIn: URL_LIFETIME_S }),
          expiresAt,
          fileSize: Number(meta[META.fileSize] ?? 0),
          fileMd5: meta[META.fileMd5] ?? '',
          gzipSize: head.ContentLength ?? 0,
          gzipMd5: meta[META.gzipMd5] ?? '',
        };
      }));
    }
    return files;
  }
}

type Env = Record<string, string | undefined>;

/** The bucket named by IM_MESSAGE_LOG_BUCKET; a custom endpoint (the local stand-in) is addressed path-style. */
export function messageLogFromEnv(env: Env, sdkAppId: number): S3MessageLog {
  const bucket = env[MESSAGE_LOG_BUCKET_ENV];
  if (!bucket) throw new Error(`missing environment variable ${MESSAGE_LOG_BUCKET_ENV}`);
  const client = onFirstUse(async () => new (await import('@aws-sdk/client-s3')).S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) }));
  return new S3MessageLog(client, bucket, sdkAppId);
}
