import { ImError, isImError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import type { ServiceCatalog } from '../services.js';

/** `getappinfo` error codes (spec §5.8). 1004/1005 concern Tencent's generated report files, which we do not have. */
export const AppInfoCode = { InvalidRequest: 1001, InvalidParam: 1002, SystemError: 1003 } as const;

/** Tencent reports the last 30 days, one `Result` entry per day. */
export const APP_INFO_DAYS = 30;

/** Figures we can read in O(1): app-wide counter items kept exact by the writes that change them. */
const COUNTED = ['RegistUserNumTotal', 'GroupAllGroupNum'] as const;
const IDENTITY = ['AppName', 'AppId', 'Company', 'Date'] as const;
/**
 * Figures we do not record (activity, message volumes, logins, callbacks, peaks): answered "0" so a backend that
 * asks for them keeps working. The C2C* and GroupSendMsgGroupNum names are older ones Tencent's SDKs still ask for.
 */
const NOT_RECORDED = [
  'ActiveUserNum', 'RegistUserNumOneDay', 'LoginTimes', 'LoginUserNum', 'UpMsgNum', 'SendMsgUserNum', 'APNSMsgNum',
  'GroupUpMsgNum', 'GroupDownMsgNum', 'GroupSendMsgUserNum', 'GroupAPNSMsgNum', 'GroupNewGroupNum', 'GroupDestroyGroupNum',
  'GroupJoinGroupTimes', 'GroupQuitGroupTimes', 'ChainIncrease', 'ChainDecrease', 'MaxOnlineNum', 'DownMsgNum', 'CallBackReq',
  'CallBackRsp', 'C2CUpMsgNum', 'C2CDownMsgNum', 'C2CSendMsgUserNum', 'C2CAPNSMsgNum', 'GroupSendMsgGroupNum',
] as const;
export const APP_INFO_FIELDS: readonly string[] = [...IDENTITY, ...COUNTED, ...NOT_RECORDED];

type AppInfoServices = Pick<ServiceCatalog, 'clock' | 'accounts' | 'groupCount'>;

const yyyymmdd = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

/**
 * `openconfigsvr/getappinfo`: the asked fields (all when none are asked) for each of the last 30 UTC days, today
 * first. Values are strings, as Tencent sends them. The counted totals are today's live values; earlier days get
 * "0" for every figure because no daily history is kept (docs/rest.md).
 */
export async function appInfo(services: AppInfoServices, sdkAppId: number, requested: readonly string[] | undefined) {
  const fields = requested === undefined || requested.length === 0 ? APP_INFO_FIELDS : [...new Set(requested)];
  const unknown = fields.find((f) => !APP_INFO_FIELDS.includes(f));
  if (unknown !== undefined) throw new ImError(AppInfoCode.InvalidParam, `RequestField "${unknown}" is not a getappinfo field`);
  let totals: Record<(typeof COUNTED)[number], number>;
  try {
    const [accounts, groups] = await Promise.all([
      fields.includes('RegistUserNumTotal') ? services.accounts.countAccounts() : 0,
      fields.includes('GroupAllGroupNum') ? services.groupCount.countGroups() : 0,
    ]);
    totals = { RegistUserNumTotal: accounts, GroupAllGroupNum: groups };
  } catch (e) {
    if (isImError(e)) throw e;
    logger.error('getappinfo could not read the app counters', { error: e });
    throw new ImError(AppInfoCode.SystemError, 'system error; retry later');
  }
  const today = services.clock();
  const identity = (day: number): Record<(typeof IDENTITY)[number], string> =>
    ({ AppName: '', AppId: String(sdkAppId), Company: '', Date: yyyymmdd(today - day * 86_400_000) });
  const Result = Array.from({ length: APP_INFO_DAYS }, (_, day) => {
    const known: Record<string, string> = identity(day);
    if (day === 0) for (const key of COUNTED) known[key] = String(totals[key]);
    return Object.fromEntries(fields.map((f) => [f, known[f] ?? '0']));
  });
  return { Result };
}
