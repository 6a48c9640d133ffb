import { restRoute } from './services.js';
import { getHistory } from './get-history.js';
import { messageLogReader } from './message-log-source.js';
import { getHistoryInput } from './schemas.js';

/** `open_msg_svc/get_history` in a Lambda of its own: the only routed function that may read the message-log bucket. */
const feature = 'history';

export const historyRoutes = [
  restRoute({
    service: 'open_msg_svc', feature, command: 'get_history', input: getHistoryInput,
    run: async ({ app }, input) => getHistory({
      log: await messageLogReader(app.config.sdkAppId), clock: app.services.clock,
      retentionDays: app.config.retentionDays, settings: app.config.messageLog,
    }, input),
  }),
];
