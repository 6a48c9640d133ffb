/**
 * Tencent REST services and the codes each one answers with where they differ
 * (spec §1.3, §1.4, §1.5, §4, §5). Unlisted services use the common 60xxx codes.
 */
export interface RestService {
  /** Code for "the identifier is not an app admin". */
  needsAdminCode: number;
  /** Code for a body that validates badly (wrong type, missing field, out of range). */
  invalidParamCode: number;
  /** Code for a body that is not JSON, or JSON that is not an object. */
  jsonParseCode: number;
  /** `ErrorInfo` for that case, in Tencent's words where the spec quotes them. */
  jsonParseInfo: string;
  /** Whether responses carry `ErrorDisplay` (profile, sns, recentcontact). */
  errorDisplay: boolean;
  /** The service's own "internal error, retry" code for unexpected failures. */
  internalErrorCode: number;
  /** Code for a call over the command's calls-per-second limit (spec §1.5). */
  overLimitCode: number;
}

const PARSE_INFO = 'the request body is not a valid JSON object';

const service = (
  needsAdminCode: number, invalidParamCode: number, internalErrorCode: number,
  options: { errorDisplay?: boolean; jsonParseCode?: number; jsonParseInfo?: string; overLimitCode?: number } = {},
): RestService => ({
  needsAdminCode, invalidParamCode, internalErrorCode,
  errorDisplay: options.errorDisplay ?? false,
  jsonParseCode: options.jsonParseCode ?? 60003,
  jsonParseInfo: options.jsonParseInfo ?? PARSE_INFO,
  overLimitCode: options.overLimitCode ?? 60007,
});

/*
 * Parse codes: openim 90001 with the wording of §4.2/§4.4, groups 10011 (§5.7), profile 40001 with
 * `Err_Profile_Comm_Decode_Fail` (§4.7). sns, recentcontact and im_open_login_svc document no parse code:
 * they answer with their "bad parameters" code (30001, 50002, 70402), as their own APIs would (inferred).
 * Groups answer a frequency limit with their own 10006 (§5.7); everything else with 60007 (§5.1).
 */
export const REST_SERVICES = {
  im_open_login_svc: service(70403, 70402, 70500, { jsonParseCode: 70402 }),
  openim: service(90009, 90001, 90994, { jsonParseCode: 90001, jsonParseInfo: 'Fail to Parse json data of body, Please check it' }),
  profile: service(40004, 40001, 40006, { errorDisplay: true, jsonParseCode: 40001, jsonParseInfo: 'Err_Profile_Comm_Decode_Fail' }),
  sns: service(30004, 30001, 30006, { errorDisplay: true, jsonParseCode: 30001 }),
  recentcontact: service(50003, 50002, 50004, { errorDisplay: true, jsonParseCode: 50002 }),
  group_open_http_svc: service(10007, 10004, 10002, { jsonParseCode: 10011, overLimitCode: 10006 }),
  group_open_avchatroom_http_svc: service(10007, 10004, 10002, { jsonParseCode: 10011, overLimitCode: 10006 }),
  group_open_attr_http_svc: service(10007, 10004, 10002, { jsonParseCode: 10011, overLimitCode: 10006 }),
  // Community topics (Tencent's "million group" service): the group codes.
  million_group_open_http_svc: service(10007, 10004, 10002, { jsonParseCode: 10011, overLimitCode: 10006 }),
  // Message extensions: openim's codes (the C2C commands are openim's; the group ones code their own fields).
  openim_msg_ext_http_svc: service(90009, 90001, 90994, { jsonParseCode: 90001, jsonParseInfo: 'Fail to Parse json data of body, Please check it' }),
  // Official accounts answer with the group codes (functions/official/official-codes.ts).
  official_account_open_http_svc: service(10007, 10004, 10002, { jsonParseCode: 10011, overLimitCode: 10006 }),
  openconfigsvr: service(60010, 60003, 70500),
  all_member_push: service(60010, 60003, 70500),
  ConfigSvc: service(60010, 60003, 70500),
  // get_history's own codes: 1002 also for a caller that is not an app admin, 1003 system error.
  open_msg_svc: service(1002, 1002, 1003, { jsonParseCode: 1002 }),
} as const satisfies Record<string, RestService>;

export type RestServiceName = keyof typeof REST_SERVICES;

export const COMMON_SERVICE: RestService = service(60010, 60003, 70500);

export const restServiceOf = (name: string): RestService =>
  Object.hasOwn(REST_SERVICES, name) ? REST_SERVICES[name as RestServiceName] : COMMON_SERVICE;
