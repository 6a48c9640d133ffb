import type { OfficialAccount, Subscriber } from './official-store.js';

/** Every base field Tencent names (OfficialAccountBaseInfoFilter values), in the types doocs's models declare. */
export function accountView(a: OfficialAccount): Record<string, unknown> {
  return {
    Official_Account: a.id, Name: a.name, Owner_Account: a.owner, CreateTime: a.createTime, LastMsgTime: a.lastMsgTime,
    SubscriberNum: a.subscriberNum, MaxSubscriberNum: a.maxSubscriberNum, Introduction: a.introduction, FaceUrl: a.faceUrl,
    Organization: a.organization, CustomString: a.customString,
  };
}

/** The view narrowed to a ResponseFilter's list (absent or empty: everything); `Official_Account` always stays. */
export function filtered(view: Record<string, unknown>, filter: readonly string[] | undefined): Record<string, unknown> {
  if (!filter || filter.length === 0) return view;
  return Object.fromEntries(Object.entries(view).filter(([k]) => k === 'Official_Account' || filter.includes(k)));
}

/** SelfInfo of get_subscribed_official_account_list (doocs SubscriberSelfInfo). */
export const selfInfoView = (s: Subscriber): Record<string, unknown> => ({ SubscribeTime: s.subscribeTime, CustomString: s.customString });
