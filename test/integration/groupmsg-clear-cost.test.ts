import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { CapacityMeter } from '../../functions/shared/aws/capacity-meter.js';
import type { ServiceCatalog } from '../../functions/services.js';
import { startMeteredServices } from '../support/metered-services.js';
import { clearGroupHistory } from '../../functions/groupmsg/recall.js';
import { groupHistory } from '../../functions/groupmsg/history.js';
import { groupRest, newGroup, newUsers } from '../support/groups.js';
import { textBody } from '../support/groupmsg.js';

/**
 * docs/data-model.md, "Clearing history": a clear is one read and one write of META whatever the number of
 * messages cleared (no Query of the messages, no write per message), and history costs what it did.
 */
let stack: LocalStack;
let services: ServiceCatalog;
let meter: CapacityMeter;
beforeAll(async () => { ({ stack, services, meter } = await startMeteredServices()); });
afterAll(async () => { await stack?.stop(); });

describe('clear_group_msg cost (DynamoDB consumed capacity)', () => {
  it('clearing 5 or 40 messages: one consistent META read (1 RCU) and one UpdateItem (1 WCU)', async () => {
    for (const count of [5, 40]) {
      const [owner] = await newUsers(stack, 1, 'cc');
      const groupId = await newGroup(stack, { Owner_Account: owner, Type: 'Public' });
      for (let i = 0; i < count; i++) await groupRest(stack, 'send_group_msg', { GroupId: groupId, Random: 9000 + i, MsgBody: textBody(`c${i}`) });
      meter.reset();
      await clearGroupHistory(services, groupId, undefined);
      const ops = meter.operations();
      expect(Object.keys(ops).sort()).toEqual(['BatchGetItemCommand', 'UpdateItemCommand'].sort());
      expect(ops.UpdateItemCommand).toBe(1);
      expect(meter.readUnits()).toBe(1);
      expect(meter.writeUnits()).toBe(1);
      meter.reset();
      const page = await groupHistory(services, stack.config, { groupId, count: 20, appAdmin: true });
      expect(page.RspMsgList).toEqual([]);
      expect(meter.readUnits()).toBe(1);
    }
  });
});
