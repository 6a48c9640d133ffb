import * as z from 'zod/mini';

/** Official-account settings (AppConfig.officialAccounts). Pure data: config.ts embeds this schema. */
export const officialConfigSchema = z.prefault(z.object({
  /**
   * Broadcasts per account per rolling hour (Tencent: "每小时最多可发布2条广播消息"); 0 = no hourly limit. The
   * per-second limit (1) always holds.
   */
  broadcastsPerHour: z._default(z.int().check(z.gte(0), z.lte(3600)), 2),
}), {});

export type OfficialConfig = z.infer<typeof officialConfigSchema>;
