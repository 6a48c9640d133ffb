import * as z from 'zod/mini';
import { wsRoute } from './services.js';
import { PUSH_PLATFORMS } from '../connections/connection-store.js';
import { registerPushDevice, unregisterPushDevice } from './devices.js';

const feature = 'push';

export const pushRoutes = [
  wsRoute({
    feature, action: 'push.register',
    input: z.object({
      Platform: z.enum(PUSH_PLATFORMS),
      Token: z.string().check(z.minLength(1), z.maxLength(4096)),
      BusinessID: z.optional(z.int().check(z.nonnegative())),
    }),
    run: async ({ app, caller }, input) => {
      await registerPushDevice(app.services, caller, { pushPlatform: input.Platform, token: input.Token, ...(input.BusinessID !== undefined && { businessId: input.BusinessID }) });
      return {};
    },
  }),
  wsRoute({
    feature, action: 'push.unregister', input: z.object({ Token: z.optional(z.string()) }),
    run: async ({ app, caller }, input) => { await unregisterPushDevice(app.services, caller, input.Token); return {}; },
  }),
];
