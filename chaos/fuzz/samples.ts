import type * as z from 'zod/mini';
import type { Rng } from './random.js';

/**
 * Valid-looking inputs generated from a route's own zod schema: objects by their shape, enums and literals by
 * their values, and every other leaf (refined strings, `z.custom` checks) by trying candidate values, hinted by
 * the field's name, until the leaf's schema accepts one. New routes are covered without anyone listing them.
 */
export interface SamplePool {
  users: readonly string[];
  groups: readonly string[];
  msgKeys: readonly string[];
  /** Group message seqs that exist (the default: 1 to 5). */
  msgSeqs?: readonly number[];
  /** Community topics and permission groups that exist (the authorization matrix's Community cast). */
  topics?: readonly string[];
  permissionGroups?: readonly string[];
}

type Def = { type: string; shape?: Record<string, Schema>; innerType?: Schema; element?: Schema; options?: Schema[]; entries?: Record<string, unknown>; values?: unknown[]; in?: Schema; valueType?: Schema };
type Schema = z.ZodMiniType & { _zod: { def: Def } };

const text = (t: string) => [{ MsgType: 'TIMTextElem', MsgContent: { Text: t } }];

function hinted(key: string, pool: SamplePool, rng: Rng): unknown[] {
  const now = Math.floor(Date.now() / 1000);
  if (/PermissionGroupId/.test(key) && pool.permissionGroups?.length) return [rng.pick(pool.permissionGroups), [rng.pick(pool.permissionGroups)]];
  if (/TopicId/.test(key) && pool.topics?.length) {
    const topic = rng.pick(pool.topics);
    return [topic, [topic], [{ TopicId: topic, Permission: rng.int(0, 127) }]];
  }
  if (/GroupI[dD]/.test(key)) return [rng.pick(pool.groups), ...pool.groups];
  if (/MsgKey/.test(key)) return [rng.pick(pool.msgKeys)];
  if (/Account|UserID|Identifier|Member|Peer|Owner|Requester|Sender|^From|^To/.test(key)) {
    return [rng.pick(pool.users), [rng.pick(pool.users)], [{ Member_Account: rng.pick(pool.users) }], [{ UserID: rng.pick(pool.users) }], [{ To_Account: rng.pick(pool.users) }]];
  }
  if (/MsgBody/.test(key)) return [text(`fuzz ${rng.int(0, 1e6)}`)];
  if (/Random/.test(key)) return [rng.int(1, 2 ** 31)];
  if (/Seq/.test(key)) {
    const seq = () => (pool.msgSeqs?.length ? rng.pick(pool.msgSeqs) : rng.int(1, 5));
    return [seq(), [{ MsgSeq: seq() }], 0];
  }
  if (/Time/.test(key)) return [now, now - 60, 0];
  if (/Tag/.test(key)) return ['Tag_Profile_IM_Nick', ['Tag_Profile_IM_Nick'], [{ Tag: 'Tag_Profile_IM_Nick', Value: 'n' }]];
  if (/Type$/.test(key)) return ['Public', 'Work', 'Meeting', 'AVChatRoom', 1, 2, 'C2C'];
  return [];
}

const GENERIC: unknown[] = [
  'a', 'hello', '', 1, 0, 2, 10, 100, 1000, true, false, [], {}, ['a'], [1], 'On', 'Off', 'Normal', 'Admin', 'Member',
  'FreeAccess', 'NeedPermission', 'AcceptAndNotify', 'Add_Type_Both', 'AddSource_Type_fuzz', 'Response_Action_Agree',
  'Delete_Type_Single', 'CheckResult_Type_Both', 'BlackCheckResult_Type_Both', 'AllowType_Type_AllowAny', 'Set', 'Increase',
  'ios', 'android', 'APNs', 'Login', 'zh', '{"k":"v"}', 'key', [{ key: 'k', value: 'v' }], [{ Key: 'k', Value: 1 }],
];

const accepts = (schema: Schema, value: unknown) => schema.safeParse(value).success;

/** One value the schema (probably) accepts; `key` is the field's name, for hints; optional fields are left out with `skipOptional`'s chance. */
export function sample(schema: Schema, key: string, pool: SamplePool, rng: Rng, depth = 0, skipOptional = 0.4): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional': case 'default': case 'nullable': return sample(def.innerType!, key, pool, rng, depth, skipOptional);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(def.shape ?? {})) {
        if (field._zod.def.type === 'optional' && rng.chance(skipOptional)) continue;
        out[k] = sample(field, k, pool, rng, depth + 1, skipOptional);
      }
      return out;
    }
    case 'array': return depth > 6 ? [] : Array.from({ length: rng.int(1, 2) }, () => sample(def.element!, key, pool, rng, depth + 1, skipOptional));
    case 'record': return { k: sample(def.valueType!, key, pool, rng, depth + 1, skipOptional) };
    case 'enum': return rng.pick(Object.values(def.entries ?? {}));
    case 'literal': return rng.pick(def.values ?? [null]);
    case 'union': return sample(rng.pick(def.options!), key, pool, rng, depth, skipOptional);
    case 'pipe': return sample(def.in!, key, pool, rng, depth, skipOptional);
    default: {
      const candidates = [...hinted(key, pool, rng), ...GENERIC];
      return candidates.find((c) => accepts(schema, c)) ?? rng.pick(candidates);
    }
  }
}
