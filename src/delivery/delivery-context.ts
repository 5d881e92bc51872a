import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';

/**
 * The delivery being handled right now (a Telegram update, a Slack event):
 * the platform libraries call our listeners, so the id travels with the async
 * context instead of through their signatures. It becomes the turn id.
 */
const current = new AsyncLocalStorage<{ id: string; durable: boolean }>();

/** Runs `work` as the handling of one delivery, taken from a durable inbox (Redis) or not. */
export function handlingDelivery<T>(
  deliveryId: string,
  durable: boolean,
  work: () => Promise<T>,
): Promise<T> {
  return current.run({ id: deliveryId, durable }, work);
}

/** The id of the delivery being handled; outside one (tests calling a listener directly) a fresh id. */
export function currentDeliveryId(): string {
  return current.getStore()?.id ?? `local:${crypto.randomUUID()}`;
}

/** Whether the delivery being handled waits in Redis (then it can simply be handled again later). */
export function currentDeliveryIsDurable(): boolean {
  return current.getStore()?.durable ?? false;
}
