import * as z from 'zod/mini';
import { coded, utf8Bytes } from '../shared/validation.js';
import { groupIdField } from '../groups/schemas.js';
import { ATTR_LIMITS, COUNTER_LIMITS, GroupAttrCode as C } from './group-attr-codes.js';

const attrKey = z.string().check(
  z.minLength(1, coded(C.InvalidParam, 'an attribute key is empty')),
  z.refine((k) => utf8Bytes(k) <= ATTR_LIMITS.keyBytes, { error: (iss) => `${C.KeyTooLong}|attribute key ${JSON.stringify(iss.input)} is ${utf8Bytes(String(iss.input))} bytes; at most ${ATTR_LIMITS.keyBytes} allowed` }),
);
const attrValue = z.string().check(
  z.refine((v) => utf8Bytes(v) <= ATTR_LIMITS.valueBytes, { error: (iss) => `${C.ValueTooLong}|an attribute value is ${utf8Bytes(String(iss.input))} bytes; at most ${ATTR_LIMITS.valueBytes} allowed` }),
);
const noRepeats = <T>(keyOf: (item: T) => string, what: string) =>
  z.refine<T[]>((items) => new Set(items.map(keyOf)).size === items.length, coded(C.InvalidParam, `${what} names a key twice`));

const attrList = z.array(z.object({ key: attrKey, value: attrValue })).check(
  z.maxLength(ATTR_LIMITS.keys, coded(C.TooManyKeys, `GroupAttr has more than ${ATTR_LIMITS.keys} attributes`)),
  noRepeats((a: { key: string }) => a.key, 'GroupAttr'),
);

export const groupOnlyInput = z.object({ GroupId: groupIdField });

/** modify_group_attr / set_group_attr (`GroupAttr[]` of `{key, value}`, Tencent's lower-case names). */
export const groupAttrInput = z.object({ GroupId: groupIdField, GroupAttr: attrList });

/** delete_group_attr: `GroupAttr[]` of `{key}` (a value, if sent, is ignored). */
export const deleteGroupAttrInput = z.object({
  GroupId: groupIdField,
  GroupAttr: z.array(z.object({ key: attrKey, value: z.optional(z.string()) })).check(
    z.minLength(1, coded(C.InvalidParam, 'GroupAttr is empty; clear_group_attr removes every attribute')),
    z.maxLength(ATTR_LIMITS.keys, coded(C.TooManyKeys, `GroupAttr has more than ${ATTR_LIMITS.keys} attributes`)),
  ),
});

/** group.attributes.delete: `Keys[]`; absent or empty removes every attribute (the Web SDK's deleteGroupAttributes). */
export const wsDeleteAttrInput = z.object({ GroupId: groupIdField, Keys: z.optional(z.array(attrKey).check(z.maxLength(ATTR_LIMITS.keys, coded(C.TooManyKeys, `Keys has more than ${ATTR_LIMITS.keys} entries`)))) });

const counterKey = z.string().check(
  z.minLength(1, coded(C.InvalidParam, 'a counter key is empty')),
  z.refine((k) => utf8Bytes(k) <= COUNTER_LIMITS.keyBytes, { error: (iss) => `${C.InvalidParam}|counter key ${JSON.stringify(iss.input)} is ${utf8Bytes(String(iss.input))} bytes; at most ${COUNTER_LIMITS.keyBytes} allowed` }),
);
const counterValue = z.int().check(
  z.gte(COUNTER_LIMITS.minValue, coded(C.InvalidParam, `a counter Value must be an integer from ${COUNTER_LIMITS.minValue} to ${COUNTER_LIMITS.maxValue}`)),
  z.lte(COUNTER_LIMITS.maxValue, coded(C.InvalidParam, `a counter Value must be an integer from ${COUNTER_LIMITS.minValue} to ${COUNTER_LIMITS.maxValue}`)),
);
const counterKeys = z.optional(z.array(counterKey).check(z.maxLength(COUNTER_LIMITS.keys, coded(C.InvalidParam, `GroupCounterKeys has more than ${COUNTER_LIMITS.keys} keys`))));

export const getCounterInput = z.object({ GroupId: groupIdField, GroupCounterKeys: counterKeys });
export const deleteCounterInput = getCounterInput;

export const COUNTER_MODES = ['Set', 'Increase', 'Decrease'] as const;

/** update_group_counter: `Mode` defaults to `Set`. */
export const updateCounterInput = z.object({
  GroupId: groupIdField,
  GroupCounter: z.array(z.object({ Key: counterKey, Value: counterValue })).check(
    z.minLength(1, coded(C.InvalidParam, 'GroupCounter is empty')),
    z.maxLength(COUNTER_LIMITS.keys, coded(C.InvalidParam, `GroupCounter has more than ${COUNTER_LIMITS.keys} counters`)),
  ),
  Mode: z._default(z.enum(COUNTER_MODES), 'Set'),
});

/** group.counters.get: `Keys[]` (absent: all). */
export const wsGetCountersInput = z.object({ GroupId: groupIdField, Keys: counterKeys });
/** group.counters.set: `Counters[]` of `{Key, Value}`. */
export const wsSetCountersInput = z.object({ GroupId: groupIdField, GroupCounter: updateCounterInput.shape.GroupCounter });
/** group.counters.increase / decrease: one `Key` by `Value`. */
export const wsStepCounterInput = z.object({ GroupId: groupIdField, Key: counterKey, Value: counterValue });
