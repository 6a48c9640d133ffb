import { restRoute, wsRoute } from './services.js';
import { GroupAttrCode } from './group-attr-codes.js';
import { groupAttrContext } from './group-attr-context.js';
import { changeAttributes, getAttributes } from './attributes.js';
import { deleteCounters, getCounters, updateCounters } from './counters.js';
import {
  deleteCounterInput, deleteGroupAttrInput, getCounterInput, groupAttrInput, groupOnlyInput, updateCounterInput,
  wsDeleteAttrInput, wsGetCountersInput, wsSetCountersInput, wsStepCounterInput,
} from './schemas.js';

const service = 'group_open_http_svc';
const feature = 'groupattrs';
const invalidParamCode = GroupAttrCode.InvalidParam;
const done = async (p: Promise<unknown>) => { await p; return {}; };

/** Group attributes and counters (functions/groupattrs/README.md): REST commands and group.attributes.* / group.counters.* actions. */
export const groupAttrRoutes = [
  // Tencent serves this one command under its own service name.
  restRoute({ service: 'group_open_attr_http_svc', feature, command: 'get_group_attr', input: groupOnlyInput, run: (call, input) => getAttributes(groupAttrContext(call), input.GroupId) }),
  restRoute({
    service, feature, command: 'modify_group_attr', input: groupAttrInput,
    run: (call, input) => done(changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'merge', attrs: input.GroupAttr })),
  }),
  restRoute({
    service, feature, command: 'set_group_attr', input: groupAttrInput,
    run: (call, input) => done(changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'replace', attrs: input.GroupAttr })),
  }),
  restRoute({
    service, feature, command: 'delete_group_attr', input: deleteGroupAttrInput,
    run: (call, input) => done(changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'delete', keys: input.GroupAttr.map((a) => a.key) })),
  }),
  restRoute({ service, feature, command: 'clear_group_attr', input: groupOnlyInput, run: (call, input) => done(changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'clear' })) }),
  restRoute({ service, feature, command: 'get_group_counter', input: getCounterInput, run: (call, input) => getCounters(groupAttrContext(call), input.GroupId, input.GroupCounterKeys) }),
  restRoute({
    service, feature, command: 'update_group_counter', input: updateCounterInput,
    run: (call, input) => updateCounters(groupAttrContext(call), input.GroupId, input.Mode, input.GroupCounter),
  }),
  restRoute({ service, feature, command: 'delete_group_counter', input: deleteCounterInput, run: (call, input) => deleteCounters(groupAttrContext(call), input.GroupId, input.GroupCounterKeys) }),

  wsRoute({ feature, invalidParamCode, action: 'group.attributes.get', input: groupOnlyInput, run: (call, input) => getAttributes(groupAttrContext(call), input.GroupId) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.attributes.init', input: groupAttrInput,
    run: async (call, input) => ({ GroupAttrAry: await changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'replace', attrs: input.GroupAttr }) }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.attributes.set', input: groupAttrInput,
    run: async (call, input) => ({ GroupAttrAry: await changeAttributes(groupAttrContext(call), input.GroupId, { kind: 'merge', attrs: input.GroupAttr }) }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.attributes.delete', input: wsDeleteAttrInput,
    run: async (call, input) => ({
      GroupAttrAry: await changeAttributes(groupAttrContext(call), input.GroupId, input.Keys && input.Keys.length > 0 ? { kind: 'delete', keys: input.Keys } : { kind: 'clear' }),
    }),
  }),
  wsRoute({ feature, invalidParamCode, action: 'group.counters.get', input: wsGetCountersInput, run: (call, input) => getCounters(groupAttrContext(call), input.GroupId, input.Keys) }),
  wsRoute({ feature, invalidParamCode, action: 'group.counters.set', input: wsSetCountersInput, run: (call, input) => updateCounters(groupAttrContext(call), input.GroupId, 'Set', input.GroupCounter) }),
  wsRoute({
    feature, invalidParamCode, action: 'group.counters.increase', input: wsStepCounterInput,
    run: (call, input) => updateCounters(groupAttrContext(call), input.GroupId, 'Increase', [{ Key: input.Key, Value: input.Value }]),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'group.counters.decrease', input: wsStepCounterInput,
    run: (call, input) => updateCounters(groupAttrContext(call), input.GroupId, 'Decrease', [{ Key: input.Key, Value: input.Value }]),
  }),
];
