/**
 * Tencent REST services and the codes each one answers with where they differ
 * (spec §1.3, §1.4, §5). Unlisted services use the common 60xxx codes.
 */
export interface RestService {
  /** Code for "the identifier is not an app admin". */
  needsAdminCode: number;
  /** Code for a body that validates badly (wrong type, missing field, out of range). */
  invalidParamCode: number;
  /** Code for a body that is not JSON. */
  jsonParseCode: number;
  /** Whether responses carry `ErrorDisplay` (profile, sns, recentcontact). */
  errorDisplay: boolean;
  /** The service's own "internal error, retry" code for unexpected failures. */
  internalErrorCode: number;
}

const service = (needsAdminCode: number, invalidParamCode: number, internalErrorCode: number, errorDisplay = false): RestService =>
  ({ needsAdminCode, invalidParamCode, internalErrorCode, errorDisplay, jsonParseCode: 60003 });

export const REST_SERVICES = {
  im_open_login_svc: service(70403, 70402, 70500),
  openim: service(90009, 90001, 90994),
  profile: service(40004, 40001, 40006, true),
  sns: service(30004, 30001, 30006, true),
  recentcontact: service(50003, 50001, 50002, true),
  group_open_http_svc: service(10007, 10004, 10002),
  openconfigsvr: service(60010, 60003, 70500),
  all_member_push: service(60010, 60003, 70500),
  ConfigSvc: service(60010, 60003, 70500),
} as const satisfies Record<string, RestService>;

export type RestServiceName = keyof typeof REST_SERVICES;

export const COMMON_SERVICE: RestService = service(60010, 60003, 70500);

export const restServiceOf = (name: string): RestService =>
  Object.hasOwn(REST_SERVICES, name) ? REST_SERVICES[name as RestServiceName] : COMMON_SERVICE;
