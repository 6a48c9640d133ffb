/** Operations written as functions of a store's base class (`this: B`), one export each, so esbuild drops the unnamed ones. */
export type StoreOps<B> = Record<string, (this: B, ...args: never[]) => unknown>;

/**
 * A narrow view of a store: its base (tables, client, shared reads) with the operations a Lambda names and no other,
 * so its bundle carries those (docs/performance.md, bundles). The Lambda's services type says which it needs
 * (`Uses` of functions/services.ts), so a missing one is a compile error.
 */
export function withOps<B extends object, M extends StoreOps<B>>(base: B, ops: M): B & M {
  return Object.assign(base, ops);
}
