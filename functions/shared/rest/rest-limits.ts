import * as z from 'zod/mini';

const ATTR_AND_TAG_COMMANDS = [
  'im_set_attr_name', 'im_get_attr_name', 'im_set_attr', 'im_get_attr', 'im_remove_attr',
  'im_add_tag', 'im_get_tag', 'im_remove_tag', 'im_remove_all_tags',
] as const;

/** Spec §1.5 and §3: calls per second per app, by `service/command`; every other command gets the default. */
export const SPEC_CALLS_PER_SECOND: Readonly<Record<string, number>> = {
  'im_open_login_svc/multiaccount_import': 100,
  'im_open_login_svc/account_check': 100,
  'im_open_login_svc/account_delete': 100,
  ...Object.fromEntries(ATTR_AND_TAG_COMMANDS.map((c) => [`all_member_push/${c}`, 100])),
  'group_open_http_svc/get_appid_group_list': 1,
  'group_open_http_svc/send_broadcast_msg': 1,
  'open_msg_svc/get_history': 10,
};

const callsPerSecond = z.int().check(z.gte(1), z.lte(1_000_000));

/** `rest` in the app configuration: the REST frequency limits, for operators who bought higher ones (spec §1.5). */
export const restLimitsConfigSchema = z._default(
  z.object({
    /** Calls per second of a command that neither the spec table nor `callsPerSecond` names. */
    defaultCallsPerSecond: z._default(callsPerSecond, 200),
    /** Overrides by `service/command`, e.g. `{"openim/sendmsg": 500}`. */
    callsPerSecond: z._default(z.record(z.string(), callsPerSecond), {}),
  }),
  { defaultCallsPerSecond: 200, callsPerSecond: {} },
);
export type RestLimitsConfig = z.infer<typeof restLimitsConfigSchema>;

export const callsPerSecondOf = (config: RestLimitsConfig, path: string): number =>
  config.callsPerSecond[path] ?? SPEC_CALLS_PER_SECOND[path] ?? config.defaultCallsPerSecond;
