import { errorName } from '../errors';
import type { Logger } from '../observability/logger';
import { StoreUnavailableError } from '../store/conversation-store';
import type { KeyHasher } from '../store/key-hasher';
import { LaneWorker } from './lane-worker';
import { LANE_MEMORY_MS, platformOf, type LaneLease, type Lanes } from './lanes';
import { currentDeliveryIsDurable, handlingDelivery } from './delivery-context';
import { QueueUncertainError } from './redis-lanes';
import type { SendOutcome } from './send-outcome';
import { RecentIds } from './recent-ids';

/** What a platform adapter plugs in: how to handle what it received, and how to send a reply. */
export interface PlatformHandler {
  /** Handles one received delivery (runs the turn, queues the replies with `Deliveries.reply`). */
  handle(payload: unknown): Promise<void>;
  /** One attempt to send one reply. */
  send(reply: unknown): Promise<SendOutcome>;
  /**
   * Whether it can handle deliveries yet (a channel still starting, or retrying
   * an unreachable platform, cannot); absent: always. Its deliveries wait meanwhile.
   */
  ready?(): boolean;
}

/** A worker as the pipeline drives it. */
type Worker = Pick<LaneWorker<never>, 'wake' | 'start' | 'stop' | 'active'>;

/** A received delivery as queued in the inbox. */
interface Received {
  deliveryId: string;
  payload: unknown;
}

/** A reply as queued in the outbox: the platform's message, and whom it is for (to forget on a 403). */
interface Outgoing {
  userId: string;
  message: unknown;
}

/** The parts of the delivery pipeline, handed in by the composition root. */
export interface DeliveriesOptions {
  inbox: Lanes<Received>;
  outbox: Lanes<Outgoing>;
  /** In-process lanes used when the Redis ones do not answer (absent: inbox and outbox are in memory already). */
  fallback?: { inbox: Lanes<Received>; outbox: Lanes<Outgoing> };
  hasher: KeyHasher;
  logger: Logger;
  /** Deletes everything about a user (the store's forget), for a chat that blocked the bot. */
  forgetUser(userId: string): Promise<void>;
  /** Turns being handled at once (CPU-bound: classification). */
  handlers?: number;
  /** Replies being sent at once (waiting on the platforms). */
  senders?: number;
  /** How long handling is retried in place while Redis does not answer (default 5 s; keep it under the lease). */
  storeRetryMs?: number;
  /** Multiplies every platform-given retry_after (1 in production; tests and the bench scale it down). */
  retryAfterScale?: number;
}

/** How long the second copy of a twin waits while the first is being worked on. */
const TWIN_WAIT_MS = 1_000;
/** How long a delivery waits for its channel to be started before it is taken again (at most). */
const NOT_READY_MS = 2_000;
/** How long a handling that failed because Redis did not answer is retried in place. */
const STORE_RETRY_MS = 5_000;
/** How often a handler failure is retried before the delivery is given up as poison. */
const MAX_HANDLING_ATTEMPTS = 5;
/** The backoff of 5xx and network failures: doubling from this, up to the cap. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;

/**
 * Every message answered exactly once, as seen from outside: a received
 * update is first recorded in the inbox (deduplicated by its delivery id,
 * durable in Redis), then handled under a lease — a crash leaves it to be
 * handled again — and only after its state is committed and its replies are
 * queued in the outbox is it done. The outbox sends per chat in order, waits
 * out 429s, backs off on failures, drops only what can never be sent, and a
 * chat that waits never holds up another. When Redis does not answer, both
 * fall back to in-process lanes, so crisis replies still go out.
 */
export class Deliveries {
  private readonly handlers = new Map<string, PlatformHandler>();
  private readonly inboxWorkers: Worker[] = [];
  private readonly outboxWorkers: Worker[] = [];
  private readonly workers: Worker[];
  /** Deliveries whose replies were queued but whose inbox entry could not be marked done. */
  private readonly handedOver = new RecentIds();
  /** Replies sent whose outbox entry could not be removed. */
  private readonly sentUnconfirmed = new RecentIds();
  /** Pushes that Redis may have taken without saying so: those are never also queued in memory. */
  private readonly uncertain = new RecentIds();
  /**
   * Ids (deliveries, outbox entries) queued in memory after Redis may have taken them too: two
   * copies may be handed out, one from each queue. Whichever comes first is worked; the other
   * is only removed (`settled`). Only this process knows of both copies (see `withFallback`).
   */
  private readonly twins = new RecentIds();
  /** Twins whose first copy was handled or sent: the other copy is only removed. */
  private readonly settled = new RecentIds();
  /** Twins being worked on right now (the other copy waits until this one is done). */
  private readonly working = new Set<string>();

  constructor(private readonly options: DeliveriesOptions) {
    const { inbox, outbox, fallback } = options;
    const handlers = options.handlers ?? 8;
    const senders = options.senders ?? 32;
    for (const lanes of [inbox, ...(fallback ? [fallback.inbox] : [])]) {
      this.inboxWorkers.push(
        new LaneWorker(
          lanes,
          handlers,
          (lease) => this.handle(lanes, lease as LaneLease<Received>),
          this.queueError,
        ),
      );
    }
    for (const lanes of [outbox, ...(fallback ? [fallback.outbox] : [])]) {
      this.outboxWorkers.push(
        new LaneWorker(
          lanes,
          senders,
          (lease) => this.send(lanes, lease as LaneLease<Outgoing>),
          this.queueError,
        ),
      );
    }
    this.workers = [...this.inboxWorkers, ...this.outboxWorkers];
  }

  private duplicateListeners: (() => void)[] = [];

  /** Tells `listener` about every redelivery recognised (for metrics). */
  onDuplicate(listener: () => void): void {
    this.duplicateListeners.push(listener);
  }

  /** Plugs in a platform ("telegram", "slack"): the prefix of its lanes. */
  register(platform: string, handler: PlatformHandler): void {
    this.handlers.set(platform, handler);
  }

  start(): void {
    for (const worker of this.workers) worker.start();
  }

  /**
   * Stops taking work and waits for what is in flight. Entries in Redis stay for the next
   * instance; entries only in memory would be lost, so they get up to `drainMs` to go out first.
   */
  async stop(drainMs = 0): Promise<void> {
    const inMemory = [
      this.options.inbox,
      this.options.outbox,
      ...(this.options.fallback ? [this.options.fallback.inbox, this.options.fallback.outbox] : []),
    ].filter((lanes) => !lanes.durable);
    const until = Date.now() + drainMs;
    while (Date.now() < until) {
      const depths = await Promise.all(inMemory.map((lanes) => lanes.depth()));
      if (depths.every((depth) => depth === 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /**
   * Records a received delivery; resolves once it is safely queued (then the
   * platform may be told "got it"). 'duplicate' when it was received before.
   * Throws LanesFullError when even the in-process queue is full.
   */
  async receive(
    platform: string,
    deliveryId: string,
    conversation: string,
    payload: unknown,
    /** When Redis may or may not have it: refuse (the platform resends; the default) or queue it in memory too. */
    whenUncertain: () => 'refuse' | 'fallback' = () => 'refuse',
  ): Promise<'queued' | 'duplicate'> {
    const request = {
      lane: `${platform}:${this.options.hasher.hash('inbox', conversation)}`,
      entries: [{ id: deliveryId, body: { deliveryId, payload }, at: Date.now() }],
      dedupeKey: deliveryId,
    };
    const outcome = await this.withFallback(
      'inbox',
      request.dedupeKey,
      [deliveryId],
      (lanes: Lanes<Received>) => lanes.push(request),
      () => whenUncertain() === 'fallback',
    );
    for (const worker of this.inboxWorkers) worker.wake();
    if (outcome === 'duplicate') for (const listener of this.duplicateListeners) listener();
    return outcome;
  }

  /**
   * Queues the replies of one turn for one chat, once per turn (a turn
   * handled again after a crash queues nothing new). Urgent (crisis) replies
   * go ahead of the chat's other replies, and the chat ahead of other chats.
   */
  async reply(
    turnId: string,
    chat: string,
    userId: string,
    messages: unknown[],
    urgent = false,
  ): Promise<void> {
    if (!messages.length) return;
    const platform = chat.slice(0, chat.indexOf(':'));
    const owner = this.owner(userId);
    const request = {
      lane: `${platform}:${this.options.hasher.hash('outbox', chat)}`,
      entries: messages.map((message, i) => ({
        id: `${turnId}#${i}`,
        body: { userId, message },
        owner,
        at: Date.now(),
      })),
      dedupeKey: `turn:${turnId}`,
      urgent,
    };
    // A delivery from Redis is simply handled again when the outbox may have its replies already:
    // the turn and the push are idempotent there, a second copy in memory would not be.
    await this.withFallback(
      'outbox',
      request.dedupeKey,
      request.entries.map((entry) => entry.id),
      (lanes: Lanes<Outgoing>) => lanes.push(request),
      () => !currentDeliveryIsDurable(),
    );
    for (const worker of this.outboxWorkers) worker.wake();
  }

  /** Removes every queued reply to a user (erasure); the store's keys are the store's to delete. */
  async forgetUser(userId: string): Promise<void> {
    const owner = this.owner(userId);
    const { outbox, fallback } = this.options;
    await Promise.all(
      [outbox, ...(fallback ? [fallback.outbox] : [])].map((l) => l.removeOwner(owner)),
    );
  }

  /** Entries waiting in the inbox and the outbox (Redis and fallback together). */
  async depth(): Promise<{ inbox: number; outbox: number }> {
    const { inbox, outbox, fallback } = this.options;
    const sum = async (lanes: Lanes<unknown>[]): Promise<number> =>
      (await Promise.all(lanes.map((l) => l.depth().catch(() => 0)))).reduce((a, b) => a + b, 0);
    return {
      inbox: await sum([inbox, ...(fallback ? [fallback.inbox] : [])]),
      outbox: await sum([outbox, ...(fallback ? [fallback.outbox] : [])]),
    };
  }

  /** Resolves once nothing waits and nothing is in flight in this process (tests, the bench, shutdown). */
  async idle(pollMs = 20): Promise<void> {
    for (;;) {
      const { inbox, outbox } = await this.depth();
      if (!inbox && !outbox && !this.workers.some((w) => w.active)) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  // === The inbox: handle, then mark done

  private async handle(lanes: Lanes<Received>, lease: LaneLease<Received>): Promise<void> {
    const { deliveryId } = lease.entry.body;
    const twin = await this.asTwin(lanes, lease, deliveryId);
    if (twin !== 'work')
      return twin === 'settled' ? this.settle(lanes, lease, deliveryId) : undefined;
    try {
      await this.handleOnce(lanes, lease);
    } finally {
      this.working.delete(deliveryId);
    }
  }

  private async handleOnce(lanes: Lanes<Received>, lease: LaneLease<Received>): Promise<void> {
    const { deliveryId, payload } = lease.entry.body;
    if (!this.handedOver.has(deliveryId)) {
      const handler = this.handlers.get(platformOf(lease.lane));
      if (handler?.ready && !handler.ready()) {
        // Its channel has not started yet (after a restart, or while its platform is unreachable).
        const delayMs = Math.min(NOT_READY_MS, backoff(lease.attempts));
        return lanes.postpone(lease, delayMs).catch(this.queueError);
      }
      try {
        if (handler) {
          await this.whileStoreReturns(() =>
            handlingDelivery(deliveryId, lanes.durable, () => handler.handle(payload)),
          );
        }
      } catch (error) {
        return this.handlingFailed(lanes, lease, error);
      }
      this.handedOver.add(deliveryId);
      if (this.twins.has(deliveryId)) this.settled.add(deliveryId);
      this.options.logger.debug(
        {
          event: 'inbox.handled',
          delivery: deliveryId,
          durable: lanes.durable,
          attempts: lease.attempts,
        },
        'handled',
      );
    }
    await this.confirm(lanes, lease, this.handedOver, deliveryId);
  }

  // Redis away for a moment (a restart, a failover): try again here, holding the lease, for a while.
  private async whileStoreReturns(work: () => Promise<void>): Promise<void> {
    const until = Date.now() + (this.options.storeRetryMs ?? STORE_RETRY_MS);
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || Date.now() > until) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
      }
    }
  }

  private async handlingFailed(
    lanes: Lanes<Received>,
    lease: LaneLease<Received>,
    error: unknown,
  ): Promise<void> {
    const poison = lease.attempts + 1 >= MAX_HANDLING_ATTEMPTS;
    this.options.logger.error(
      {
        event: poison ? 'delivery.given_up' : 'delivery.handling_failed',
        error: errorName(error),
        attempts: lease.attempts + 1,
      },
      'handling a delivery failed',
    );
    await (poison ? lanes.ack(lease) : lanes.postpone(lease, backoff(lease.attempts))).catch(
      this.queueError,
    );
  }

  // === The outbox: send, then remove

  private async send(lanes: Lanes<Outgoing>, lease: LaneLease<Outgoing>): Promise<void> {
    const id = lease.entry.id;
    const twin = await this.asTwin(lanes, lease, id);
    if (twin !== 'work') return twin === 'settled' ? this.settle(lanes, lease, id) : undefined;
    try {
      await this.sendOnce(lanes, lease);
    } finally {
      this.working.delete(id);
    }
  }

  private async sendOnce(lanes: Lanes<Outgoing>, lease: LaneLease<Outgoing>): Promise<void> {
    const { entry } = lease;
    if (this.sentUnconfirmed.has(entry.id))
      return this.confirm(lanes, lease, this.sentUnconfirmed, entry.id);
    const handler = this.handlers.get(platformOf(lease.lane));
    const outcome: SendOutcome = handler
      ? await handler.send(entry.body.message).catch((error: unknown) => ({
          kind: 'failed' as const,
          reason: errorName(error),
        }))
      : { kind: 'rejected', reason: 'no sender for this platform' };
    const log = this.options.logger;
    switch (outcome.kind) {
      case 'sent':
        // The entry id is the delivery id and the reply's index (no text, no user): the bench counts these.
        log.debug(
          {
            event: 'outbox.sent',
            entry: entry.id,
            durable: lanes.durable,
            attempts: lease.attempts,
          },
          'reply sent',
        );
        this.sentUnconfirmed.add(entry.id);
        if (this.twins.has(entry.id)) this.settled.add(entry.id);
        return this.confirm(lanes, lease, this.sentUnconfirmed, entry.id);
      case 'wait': {
        const afterMs = outcome.afterMs * (this.options.retryAfterScale ?? 1);
        log.warn(
          { event: 'outbox.rate_limited', reason: outcome.reason, afterMs },
          'waiting as told',
        );
        return lanes.postpone(lease, afterMs).catch(this.queueError);
      }
      case 'failed': {
        if (Date.now() - entry.at > LANE_MEMORY_MS) {
          log.error({ event: 'outbox.given_up', reason: outcome.reason }, 'reply older than a day');
          return void (await lanes.ack(lease).catch(this.queueError));
        }
        log.warn(
          { event: 'outbox.send_failed', reason: outcome.reason, attempts: lease.attempts + 1 },
          'send failed',
        );
        return lanes.postpone(lease, backoff(lease.attempts)).catch(this.queueError);
      }
      case 'rejected':
        log.error({ event: 'outbox.rejected', reason: outcome.reason }, 'reply rejected');
        return void (await lanes.ack(lease).catch(this.queueError));
      case 'gone':
        log.info({ event: 'outbox.chat_gone', reason: outcome.reason }, 'chat gone');
        await lanes.dropLane(lease).catch(this.queueError);
        if (outcome.forget) await this.forgetEverything(entry.body.userId);
    }
  }

  private async forgetEverything(userId: string): Promise<void> {
    await Promise.all([this.options.forgetUser(userId), this.forgetUser(userId)]).catch(
      (error: unknown) =>
        this.options.logger.error(
          { event: 'outbox.forget_failed', error: errorName(error) },
          'forget failed',
        ),
    );
  }

  // Marks an entry done; if the queue does not answer, remembers locally that it is done,
  // so the entry, taken again after its lease, is only marked done, never handled or sent twice.
  private async confirm<T>(
    lanes: Lanes<T>,
    lease: LaneLease<T>,
    pending: RecentIds,
    id: string,
  ): Promise<void> {
    try {
      const held = await lanes.ack(lease);
      // A lost lease leaves the entry in its lane (or with another worker): it stays pending here,
      // so when it comes back it is only marked done, never handled or sent a second time.
      if (held) pending.delete(id);
      else
        this.options.logger.warn(
          { event: 'delivery.lease_lost', durable: lanes.durable },
          'lease expired while working',
        );
    } catch (error) {
      this.queueError(error);
    }
  }

  // === Twins: one delivery or reply queued both in Redis and in memory

  // Whether to work on this copy: yes, unless it has a twin that is done ('settled': only remove
  // this copy) or being worked on right now ('later': this copy waits, then looks again).
  private async asTwin<T>(
    lanes: Lanes<T>,
    lease: LaneLease<T>,
    id: string,
  ): Promise<'work' | 'settled' | 'later'> {
    if (!this.twins.has(id)) return 'work';
    if (this.settled.has(id)) return 'settled';
    if (!this.working.has(id)) {
      this.working.add(id);
      return 'work';
    }
    await lanes.postpone(lease, TWIN_WAIT_MS).catch(this.queueError);
    return 'later';
  }

  private async settle<T>(lanes: Lanes<T>, lease: LaneLease<T>, id: string): Promise<void> {
    this.options.logger.info(
      { event: 'delivery.twin_removed', durable: lanes.durable },
      'already handled from the other queue',
    );
    await this.confirm(lanes, lease, this.settled, id);
  }

  // === Helpers

  // Redis first; in memory when Redis certainly does not have it — or may have it, if the caller
  // accepts that risk (nobody would resend it otherwise). Once a push was uncertain, that key
  // stays out of memory: Redis may hand it out when it is back.
  private async withFallback<R, T>(
    which: 'inbox' | 'outbox',
    key: string,
    /** The ids of what is pushed: twins, if they go to memory while Redis may have them. */
    ids: string[],
    push: (lanes: Lanes<T>) => Promise<R>,
    fallbackWhenUncertain: () => boolean,
  ): Promise<R> {
    const primary = this.options[which] as unknown as Lanes<T>;
    const fallback = this.options.fallback?.[which] as unknown as Lanes<T> | undefined;
    try {
      return await push(primary);
    } catch (error) {
      if (!fallback || !(error instanceof StoreUnavailableError)) throw error;
      if (error instanceof QueueUncertainError) this.uncertain.add(key);
      if (this.uncertain.has(key)) {
        if (!fallbackWhenUncertain()) throw error;
        for (const id of ids) this.twins.add(id);
      }
      this.options.logger.warn(
        { event: `${which}.fallback`, error: errorName(error) },
        'queue in memory',
      );
      return push(fallback);
    }
  }

  private owner(userId: string): string {
    return this.options.hasher.hash('owner', userId);
  }

  private readonly queueError = (error: unknown): void => {
    this.options.logger.warn(
      { event: 'delivery.queue_unavailable', error: errorName(error) },
      'queue unavailable',
    );
  };
}

/** A doubling, jittered, capped delay for the n-th failed attempt. */
function backoff(attempts: number): number {
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempts);
  return delay / 2 + Math.random() * (delay / 2);
}
