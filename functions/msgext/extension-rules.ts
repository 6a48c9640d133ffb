import { ImError } from '../shared/errors.js';
import { utf8Bytes } from '../shared/validation.js';

/**
 * Message extensions (rest-api.md §3.3; Tencent's "Key-Value Extensions"): key-value pairs on one C2C or group message.
 * Each pair carries the Seq of the write that set it; the message's Seq (LatestSeq) counts its writes.
 */
export const ExtensionCode = {
  /** ERR_SVR_MSG_EXTENSION_CONFLICT: the key changed since the Seq the caller gave; the result carries the current pair. */
  Conflict: 23001,
  /** ERR_SVR_MSG_EXTENSION_NOT_EXIST: deleting a key the message does not hold. */
  NotExist: 23004,
} as const;

export const EXTENSION_LIMITS = {
  /** Pairs per set or delete call. */
  perCall: 20,
  keyBytes: 100,
  valueBytes: 1000,
  /** Pairs one message holds. */
  perMessage: 300,
  /** Pairs one get answers; more are read with StartSeq. */
  page: 200,
} as const;

/** OperateType of set_key_values: 1 set, 2 delete, 3 clear. */
export type ExtensionOperation = 1 | 2 | 3;

export interface StoredPair { value: string; seq: number }

/** What a message's extensions are now: the pairs, the Seq of the latest write and of the latest clear. */
export interface ExtensionState {
  seq: number;
  clearSeq: number;
  pairs: ReadonlyMap<string, StoredPair>;
}

export const EMPTY_EXTENSIONS: ExtensionState = { seq: 0, clearSeq: 0, pairs: new Map() };

/** One pair of a request: `Seq` is the key's Seq the caller last saw (0: it believes the key is not set). */
export interface RequestedPair { Key: string; Value?: string; Seq?: number }

export interface Extension { Key: string; Value: string; Seq: number }
/** Tencent's per-pair result: `ErrorCode` 0, or 23001 / 23004 with the pair as it is now. */
export interface ExtensionResult { ErrorCode: number; Extension: Extension }

export interface ExtensionRequest {
  operation: ExtensionOperation;
  pairs: readonly RequestedPair[];
  /**
   * `given`: a Seq is checked only when given and not 0 (the REST admin: Tencent requires Seq of users only, and typed
   * SDKs send 0 for "not set"); `always`: a missing Seq is 0 (users over the WebSocket).
   */
  seqCheck: 'given' | 'always';
}

/** The outcome of one operation on a state: per-pair results, the state to write, and the pairs that changed. */
export interface ExtensionPlan {
  results: ExtensionResult[];
  /** Undefined when nothing changes (every pair refused). */
  next?: ExtensionState;
  /** The written pairs with their new Seq; deleted and cleared ones with Value "". */
  changed: Extension[];
}

const current = (state: ExtensionState, key: string): Extension => {
  const pair = state.pairs.get(key);
  return { Key: key, Value: pair?.value ?? '', Seq: pair?.seq ?? 0 };
};

/** Request-level checks: every limit, before anything is read (the caller's invalid-parameter code). */
export function checkExtensionRequest(req: ExtensionRequest, invalidCode: number): void {
  if (req.operation === 3) return;
  const { pairs } = req;
  if (pairs.length === 0) throw new ImError(invalidCode, `ExtensionList is required with OperateType ${req.operation}`);
  if (pairs.length > EXTENSION_LIMITS.perCall) throw new ImError(invalidCode, `ExtensionList has ${pairs.length} pairs; at most ${EXTENSION_LIMITS.perCall} per call`);
  const seen = new Set<string>();
  for (const [i, p] of pairs.entries()) {
    if (p.Key === '' || utf8Bytes(p.Key) > EXTENSION_LIMITS.keyBytes) {
      throw new ImError(invalidCode, `ExtensionList[${i}].Key must be 1-${EXTENSION_LIMITS.keyBytes} bytes, got ${utf8Bytes(p.Key)}`);
    }
    if (seen.has(p.Key)) throw new ImError(invalidCode, `ExtensionList names the key "${p.Key.slice(0, 40)}" twice`);
    seen.add(p.Key);
    if (req.operation === 1) {
      if (p.Value === undefined) throw new ImError(invalidCode, `ExtensionList[${i}].Value is required with OperateType 1`);
      if (utf8Bytes(p.Value) > EXTENSION_LIMITS.valueBytes) {
        throw new ImError(invalidCode, `ExtensionList[${i}].Value is ${utf8Bytes(p.Value)} bytes; at most ${EXTENSION_LIMITS.valueBytes}`);
      }
    }
  }
}

/**
 * Applies one operation to the state read (pure). A pair whose Seq disagrees with the stored one is refused with
 * 23001 and the current pair; the others are written with Seq = the message's Seq + 1. A set that would leave the
 * message with more than 300 pairs is refused as a whole (`invalidCode`), so nothing changes.
 */
export function planExtensions(state: ExtensionState, req: ExtensionRequest, invalidCode: number): ExtensionPlan {
  const seq = state.seq + 1;
  if (req.operation === 3) {
    const changed = [...state.pairs.keys()].sort().map((Key) => ({ Key, Value: '', Seq: seq }));
    return { results: [], next: { seq, clearSeq: seq, pairs: new Map() }, changed };
  }
  const pairs = new Map(state.pairs);
  const results: ExtensionResult[] = [];
  const changed: Extension[] = [];
  for (const p of req.pairs) {
    const now = current(state, p.Key);
    const checked = req.seqCheck === 'always' || (p.Seq !== undefined && p.Seq !== 0);
    if (checked && (p.Seq ?? 0) !== now.Seq) {
      results.push({ ErrorCode: ExtensionCode.Conflict, Extension: now });
      continue;
    }
    if (req.operation === 2 && !state.pairs.has(p.Key)) {
      results.push({ ErrorCode: ExtensionCode.NotExist, Extension: now });
      continue;
    }
    const written: Extension = { Key: p.Key, Value: req.operation === 1 ? p.Value! : '', Seq: seq };
    if (req.operation === 1) pairs.set(p.Key, { value: written.Value, seq });
    else pairs.delete(p.Key);
    results.push({ ErrorCode: 0, Extension: written });
    changed.push(written);
  }
  if (pairs.size > EXTENSION_LIMITS.perMessage && pairs.size > state.pairs.size) {
    throw new ImError(invalidCode, `the message holds ${state.pairs.size} extensions; ${pairs.size - state.pairs.size} more would pass the limit of ${EXTENSION_LIMITS.perMessage}`);
  }
  return { results, changed, ...(changed.length > 0 && { next: { seq, clearSeq: state.clearSeq, pairs } }) };
}

/** One page of get_key_values: pairs with Seq ≥ StartSeq in Seq order (then by key), at most 200. */
export function extensionPage(state: ExtensionState, startSeq: number) {
  const all = [...state.pairs].filter(([, p]) => p.seq >= startSeq)
    .sort(([ka, a], [kb, b]) => a.seq - b.seq || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const page = all.slice(0, EXTENSION_LIMITS.page).map(([Key, p]): Extension => ({ Key, Value: p.value, Seq: p.seq }));
  return { CompleteFlag: page.length === all.length ? 1 : 0, LatestSeq: state.seq, ClearSeq: state.clearSeq, ExtensionList: page };
}
