/** A conditional write whose condition did not hold (it still consumed its write unit). */
export const isConditionFailure = (e: unknown): boolean => (e as { name?: string }).name === 'ConditionalCheckFailedException';
