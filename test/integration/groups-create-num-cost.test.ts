import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { startMeteredServices } from '../support/metered-services.js';
import { newGroup, newUsers } from '../support/groups.js';
import { inParallel } from '../../bench/support/pace.js';

/**
 * The documented cost of `CreateGroupNum` (docs/data-model.md, "CreateGroupNum"): one COUNT Query of the owner's
 * byMember partition, priced by the size of all its member items (the filter on role and type does not lower it).
 */
const MEMBERSHIPS = 40;
/** ~300 B per member item in the index: 40 items ≈ 12 KB = 3 × 4 KB at 0.5 RCU (measured: 1.5). */
const MAX_RCU = 1.5;

let stack: LocalStack;
let services: ServiceCatalog;
let meter: CapacityMeter;
beforeAll(async () => { ({ stack, services, meter } = await startMeteredServices()); });
afterAll(async () => { await stack?.stop(); });

describe('CreateGroupNum cost', () => {
  it(`counts the owner's groups of one type with one Query: ≤ ${MAX_RCU} RCU for a user in ${MEMBERSHIPS} groups, no writes`, async () => {
    const [user, other] = await newUsers(stack, 2);
    await inParallel(MEMBERSHIPS, 8, async (i) => {
      const mine = i < 3;
      await newGroup(stack, { Owner_Account: mine ? user : other, Type: i % 2 === 0 ? 'Public' : 'Work', MemberList: mine ? [] : [{ Member_Account: user }] });
    });
    meter.reset();
    expect(await services.groups.countOwnedGroups(user, 'Public')).toBe(2);
    expect(await services.groups.countOwnedGroups(user, 'Work')).toBe(1);
    expect(meter.operations()).toEqual({ QueryCommand: 2 });
    expect(meter.writeUnits()).toBe(0);
    expect(meter.readUnits() / 2).toBeLessThanOrEqual(MAX_RCU);
  });
});
