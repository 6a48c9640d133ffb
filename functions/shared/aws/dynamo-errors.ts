/** A conditional write whose condition did not hold (it still consumed its write unit). */
export const isConditionFailure = (e: unknown): boolean => (e as { name?: string }).name === 'ConditionalCheckFailedException';

type RawValue = { N?: string; S?: string; BOOL?: boolean; NULL?: boolean; SS?: string[]; NS?: string[]; M?: Record<string, RawValue>; L?: RawValue[] };

const fromRaw = (v: RawValue): unknown => {
  if (v.N !== undefined) return Number(v.N);
  if (v.S !== undefined) return v.S;
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL) return null;
  if (v.SS) return new Set(v.SS);
  if (v.NS) return new Set(v.NS.map(Number));
  if (v.M) return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fromRaw(x)]));
  if (v.L) return v.L.map(fromRaw);
  return undefined;
};

/**
 * The item a failed condition returned (ReturnValuesOnConditionCheckFailure: ALL_OLD), unmarshalled:
 * the document client leaves it as raw AttributeValues. Undefined when there was no item.
 */
export const conditionFailureItem = (e: unknown): Record<string, unknown> | undefined => {
  const raw = (e as { Item?: Record<string, RawValue> }).Item;
  return raw ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromRaw(v)])) : undefined;
};
