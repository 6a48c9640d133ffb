import * as z from 'zod/mini';
import { wsRoute } from '../shared/route.js';
import { ping } from './ping.js';

const feature = 'connections';

export const connectionsRoutes = [
  wsRoute({ feature, action: 'ping', input: z.object({}), run: ({ app, caller }) => ping(app.services, caller) }),
];
