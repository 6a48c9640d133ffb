import * as z from 'zod/mini';

/**
 * One-to-one messaging settings (AppConfig.c2c). Pure data: config.ts embeds
 * this schema, the c2c domain reads the parsed values.
 */
export const FRIEND_CHECKS = ['off', 'both'] as const;

export const c2cConfigSchema = z._default(
  z.object({
    /** `both`: a C2C message needs a friendship in both directions (20009/20010/20011); Tencent's default is off. */
    friendCheck: z._default(z.enum(FRIEND_CHECKS), 'off'),
    /** How long a user may recall their own message over the WebSocket (20016 after); REST recall has no limit. */
    recallLimitSeconds: z._default(z.int().check(z.gte(0), z.lte(7 * 86400)), 120),
    /** Conversations kept per user; the least recent beyond this are not listed. */
    maxConversations: z._default(z.int().check(z.gte(1), z.lte(1000)), 100),
    /**
     * A seq with no message this long after its allocation is a send that died between its two writes (a crash, a
     * timeout): reads fill it with a hole marker so unread counts and history agree (docs/reliability.md). Group messages use the same setting.
     */
    holeRepairAfterSeconds: z._default(z.int().check(z.gte(1), z.lte(86400)), 60),
  }),
  { friendCheck: 'off', recallLimitSeconds: 120, maxConversations: 100, holeRepairAfterSeconds: 60 },
);

/** Words refused in text elements (80001), case-insensitive substring match. */
export const dirtyWordsSchema = z._default(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(10000)), []);
