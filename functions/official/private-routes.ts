import { wsRoute } from '../c2c/services.js';
import { OfficialCode } from './official-codes.js';
import { officialContext } from './official-context.js';
import { sendPrivate } from './private-message.js';
import { wsPrivateInput } from './private-schemas.js';

/**
 * `official.message` runs in the c2c Lambda (c2cRoutes includes it): a private message between a subscriber and an
 * official account is a C2C message, sent down the C2C send path; the official Lambda does not carry that path.
 */
const feature = 'c2c';

export const officialPrivateRoutes = [
  wsRoute({
    feature, invalidParamCode: OfficialCode.InvalidParam, action: 'official.message', input: wsPrivateInput,
    run: (call, i) => sendPrivate(officialContext(call), {
      accountId: i.Official_Account, ...(i.To_Account !== undefined && { to: i.To_Account }), body: i.MsgBody,
      ...(i.Random !== undefined && { random: i.Random }), ...(i.CloudCustomData !== undefined && { cloudCustomData: i.CloudCustomData }),
    }),
  }),
];
