import * as z from 'zod/mini';
import { restRoute, wsRoute } from './services.js';
import { coded } from '../shared/validation.js';
import { ping } from './ping.js';
import { queryOnlineStatus } from './query-online-status.js';
import { logout } from './logout.js';
import * as st from './user-status.js';

const feature = 'connections';
const QUERY_MAX = 500;
const OPENIM_INVALID = 90001;

const onlineStatusInput = z.object({
  To_Account: z.array(z.string()).check(
    z.minLength(1, coded(OPENIM_INVALID, 'To_Account is empty')),
    z.maxLength(QUERY_MAX, coded(OPENIM_INVALID, `To_Account has more than ${QUERY_MAX} accounts`)),
  ),
  IsNeedDetail: z.optional(z.union([z.literal(0), z.literal(1)])),
});

export const connectionsRoutes = [
  wsRoute({ feature, action: 'ping', input: z.object({}), run: ({ app, caller }) => ping(app.services, caller) }),
  wsRoute({
    feature, action: 'logout', input: z.object({}),
    run: async ({ app, caller }) => { await logout(app.services, app.config, caller); return {}; },
  }),
  wsRoute({
    feature, action: 'status.get', input: st.statusGetInput, invalidParamCode: st.STATUS_INVALID,
    run: ({ app }, input) => st.getUserStatuses(app.services, app.config, input.To_Account),
  }),
  wsRoute({
    feature, action: 'status.set', input: st.statusSetInput, invalidParamCode: st.STATUS_INVALID,
    run: ({ app, caller }, input) => st.setCustomStatus(app.services, app.config, caller.userId, input.CustomStatus),
  }),
  wsRoute({
    feature, action: 'status.subscribe', input: st.statusSubscribeInput, invalidParamCode: st.STATUS_INVALID,
    run: ({ app, caller }, input) => st.subscribeStatuses(app.services, caller.userId, input.To_Account),
  }),
  wsRoute({
    feature, action: 'status.unsubscribe', input: st.statusUnsubscribeInput, invalidParamCode: st.STATUS_INVALID,
    run: ({ app, caller }, input) => st.unsubscribeStatuses(app.services, caller.userId, input.To_Account),
  }),
  restRoute({
    service: 'openim', feature, command: 'query_online_status', input: onlineStatusInput,
    run: ({ app }, input) => queryOnlineStatus(app.services, app.config, { accounts: input.To_Account, withDetail: input.IsNeedDetail === 1, legacy: false }),
  }),
  restRoute({
    service: 'openim', feature, command: 'querystate', input: onlineStatusInput,
    run: ({ app }, input) => queryOnlineStatus(app.services, app.config, { accounts: input.To_Account, withDetail: input.IsNeedDetail === 1, legacy: true }),
  }),
];
