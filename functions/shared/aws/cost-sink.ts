import type { MeteredCall } from './capacity-meter.js';

/**
 * Where metered DynamoDB calls go when something in this process wants them
 * (the local stack's cost meter). In Lambda nothing registers, and the
 * clients carry no meter at all.
 */
export type DynamoCostSink = (call: MeteredCall) => void;

let sink: DynamoCostSink | undefined;

export const setDynamoCostSink = (next: DynamoCostSink | undefined): void => { sink = next; };
export const dynamoCostSink = (): DynamoCostSink | undefined => sink;
