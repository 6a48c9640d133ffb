import type { ServiceCatalog } from '../services.js';
import type { ConnectionRecord, PresenceItems } from '../connections/connection-store.js';

type PresenceServices = Pick<ServiceCatalog, 'gateway' | 'connections' | 'clock'>;

/**
 * The Connections reads a send's delivery needs, started before the send is
 * known to go ahead so that delivery waits only for the writes
 * (docs/data-model.md, "c2c.send, step by step").
 */
export interface DeliveryPresence {
  /** When the reads were made: the heartbeat check measures from here. */
  readAt: number;
  /** The recipient's partition: its connections and push devices. */
  recipient: Promise<PresenceItems>;
  /** The sender's connections, only when its other devices get a copy. */
  sender?: Promise<ConnectionRecord[]>;
}

/**
 * A refused send never awaits these reads: a handler is attached at once so a
 * failed read of an unused look-up is not an unhandled rejection. Whoever
 * awaits the promise still sees the failure.
 */
const settledLater = <T>(read: Promise<T>): Promise<T> => {
  read.catch(() => undefined);
  return read;
};

/** `senderConnections`: the sender's connections when the send already read them (an HTTPS call's session proof). */
export function readDeliveryPresence(
  services: PresenceServices, from: string, to: string, syncToSender: 'others' | 'all' | 'none', senderConnections?: ConnectionRecord[],
): DeliveryPresence {
  const readAt = services.clock();
  const sender = () => senderConnections ? Promise.resolve(senderConnections) : settledLater(services.connections.listByUser(from, readAt));
  return {
    readAt,
    recipient: settledLater(services.connections.presenceOf(to, readAt)),
    ...(syncToSender !== 'none' && from !== to && { sender: sender() }),
  };
}

/** Delivery to the recipient on the presence read early (the same rules as every other delivery). */
export { deliverOnPresence as deliverToRecipient } from '../push/offline-push.js';
