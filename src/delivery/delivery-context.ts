import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';

/**
 * The delivery being handled right now (a Telegram update, a Slack event):
 * the platform libraries call our listeners, so the id travels with the async
 * context instead of through their signatures. It becomes the turn id.
 */
const current = new AsyncLocalStorage<string>();

/** Runs `work` as the handling of one delivery. */
export function handlingDelivery<T>(deliveryId: string, work: () => Promise<T>): Promise<T> {
  return current.run(deliveryId, work);
}

/** The id of the delivery being handled; outside one (tests calling a listener directly) a fresh id. */
export function currentDeliveryId(): string {
  return current.getStore() ?? `local:${crypto.randomUUID()}`;
}
