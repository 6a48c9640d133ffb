import { ImError } from '../shared/errors.js';
import { ExtensionCode, planExtensions, type Extension, type ExtensionRequest, type ExtensionResult } from './extension-rules.js';
import type { ExtensionTarget, MessageExtensionStore } from './extension-store.js';

/** Writes racing on one message retry this often before the remaining pairs are answered as conflicts. */
const ATTEMPTS = 12;

export interface ExtensionOutcome {
  results: ExtensionResult[];
  /** The pairs written, deleted or cleared (Value ""), with their new Seq; empty when nothing changed. */
  changed: Extension[];
  /** The message's LatestSeq and ClearSeq after the operation. */
  seq: number;
  clearSeq: number;
}

/**
 * Reads the message's extensions, applies the operation, and writes the result if no other write came in between;
 * otherwise reads again and re-applies, so two writers of different keys both succeed and two writers of one key
 * get one success and one 23001. Past the attempts (a storm of writers on one message) the pairs still unwritten are
 * answered 23001 with their current values, which is what Tencent tells callers to retry on.
 */
export async function operateOnExtensions(
  store: MessageExtensionStore, target: ExtensionTarget, req: ExtensionRequest, invalidCode: number, expiresAt: number,
): Promise<ExtensionOutcome> {
  for (let attempt = 1; ; attempt++) {
    const state = await store.get(target);
    const plan = planExtensions(state, req, invalidCode);
    if (!plan.next) return { results: plan.results, changed: [], seq: state.seq, clearSeq: state.clearSeq };
    if (await store.put(target, plan.next, state.seq, expiresAt)) {
      return { results: plan.results, changed: plan.changed, seq: plan.next.seq, clearSeq: plan.next.clearSeq };
    }
    if (attempt >= ATTEMPTS) {
      const now = await store.get(target);
      if (req.operation === 3) throw new ImError(ExtensionCode.Conflict, 'the message\'s extensions kept changing while clearing them; try again');
      const results = req.pairs.map((p) => ({ ErrorCode: ExtensionCode.Conflict, Extension: { Key: p.Key, Value: now.pairs.get(p.Key)?.value ?? '', Seq: now.pairs.get(p.Key)?.seq ?? 0 } }));
      return { results, changed: [], seq: now.seq, clearSeq: now.clearSeq };
    }
    await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
  }
}
