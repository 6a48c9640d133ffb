import { avChatroom } from './av-chatroom.js';
import { bundles } from './bundles.js';
import { c2c } from './c2c.js';
import { groupFanout, groupFanoutPartial } from './group-fanout.js';
import { restApi } from './rest.js';
import { officialBroadcast } from './official.js';
import { communityTopic } from './community.js';
import type { Scenario } from '../support/types.js';

/** Every scenario, in the order `npm run bench` runs them. */
export const SCENARIOS: ReadonlyArray<Scenario<Record<string, number>>> = [
  c2c, groupFanout, groupFanoutPartial, avChatroom, officialBroadcast, communityTopic, restApi, bundles,
] as unknown as ReadonlyArray<Scenario<Record<string, number>>>;

/** Scenarios that need no local stack (and so no DynamoDB Local). */
export const WITHOUT_STACK = new Set(['bundles']);
