import { ImError } from '../shared/errors.js';
import type { ServiceCatalog } from '../services.js';
import { C2cCode } from './c2c-codes.js';

type MuteServices = Pick<ServiceCatalog, 'clock' | 'c2c' | 'accounts'>;

/** Tencent's "muted forever" value of C2CmsgNospeakingTime / GroupmsgNospeakingTime. */
export const FOREVER = 4294967295;
const FOREVER_UNTIL = Number.MAX_SAFE_INTEGER;

const untilOf = (seconds: number, nowS: number): number => (seconds === 0 ? 0 : seconds >= FOREVER ? FOREVER_UNTIL : nowS + seconds);
const remaining = (until: number, nowS: number): number => (until >= FOREVER_UNTIL ? FOREVER : Math.max(0, until - nowS));

/** `openconfigsvr/setnospeaking`: a field left out keeps its current value; 0 cancels. */
export async function setNoSpeaking(services: MuteServices, userId: string, c2cSeconds: number | undefined, groupSeconds: number | undefined): Promise<void> {
  if (!(await services.accounts.get(userId))) throw new ImError(C2cCode.NoSuchAccount, `Set_Account "${userId}" is not imported`);
  const nowS = Math.floor(services.clock() / 1000);
  const current = await services.c2c.getMute(userId);
  await services.c2c.setMute(userId, {
    c2cUntil: c2cSeconds === undefined ? (current.c2cUntil > nowS ? current.c2cUntil : 0) : untilOf(c2cSeconds, nowS),
    groupUntil: groupSeconds === undefined ? (current.groupUntil > nowS ? current.groupUntil : 0) : untilOf(groupSeconds, nowS),
  });
}

/** `openconfigsvr/getnospeaking`: seconds of mute left (4294967295 = forever, 0 = not muted). */
export async function getNoSpeaking(services: MuteServices, userId: string) {
  if (!(await services.accounts.get(userId))) throw new ImError(C2cCode.NoSuchAccount, `Get_Account "${userId}" is not imported`);
  const nowS = Math.floor(services.clock() / 1000);
  const mute = await services.c2c.getMute(userId);
  return { C2CmsgNospeakingTime: remaining(mute.c2cUntil, nowS), GroupmsgNospeakingTime: remaining(mute.groupUntil, nowS) };
}
