import type { PushCondition, UserPushData } from './broadcast-store.js';

const NONE: UserPushData = { attrs: {}, tags: [] };

/**
 * Whether a user is targeted: every clause given must hold (`TagsOr`: one of
 * the tags, `TagsAnd`: all of them, `AttrsOr`: one attribute equal, `AttrsAnd`:
 * all equal). No condition targets everyone.
 */
export function matchesCondition(condition: PushCondition | undefined, data: UserPushData = NONE): boolean {
  if (!condition) return true;
  const tags = new Set(data.tags);
  const attrEquals = ([name, value]: [string, string]) => data.attrs[name] === value;
  if (condition.TagsOr && !condition.TagsOr.some((t) => tags.has(t))) return false;
  if (condition.TagsAnd && !condition.TagsAnd.every((t) => tags.has(t))) return false;
  if (condition.AttrsOr && !Object.entries(condition.AttrsOr).some(attrEquals)) return false;
  if (condition.AttrsAnd && !Object.entries(condition.AttrsAnd).every(attrEquals)) return false;
  return true;
}

export const hasCondition = (condition: PushCondition | undefined): boolean =>
  condition !== undefined && Object.values(condition).some((v) => v !== undefined);
