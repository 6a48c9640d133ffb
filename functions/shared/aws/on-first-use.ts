/** A client handed over ready, or one built on first use, so that its SDK package loads only on the paths that need it. */
export type ClientSource<T extends object> = T | (() => Promise<T>);

/** Runs `load` on the first call and shares its result; a failed load is retried on the next call. */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load().catch((e: unknown) => {
    loading = undefined;
    throw e;
  }));
}

export function clientFrom<T extends object>(source: ClientSource<T>): () => Promise<T> {
  if (typeof source === 'function') return onFirstUse(source as () => Promise<T>);
  const ready = Promise.resolve(source);
  return () => ready;
}
