import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HttpRoute } from '../channels/channel';
import type { TurnEvent } from '../engine/types';
import type { DeliveryLedger } from '../store/delivery-ledger';

/**
 * Prometheus metrics of the bot, served at GET /metrics: messages by channel
 * and intent, reply latency, errors, dedupe hits, degraded turns and whether
 * the state store answers. Labels are bounded (intent ids, channel names).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly messages = new Counter({
    name: 'tueroeffner_messages_total',
    help: 'Messages handled, by channel and understood intent',
    labelNames: ['channel', 'intent', 'outcome'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'tueroeffner_reply_seconds',
    help: 'Time from a message to its replies, engine and store included',
    labelNames: ['channel'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'tueroeffner_errors_total',
    help: 'Failures while handling a message or sending replies (error-level log lines)',
    registers: [this.registry],
  });
  private readonly dedupeHits = new Counter({
    name: 'tueroeffner_dedupe_hits_total',
    help: 'Platform redeliveries recognised and skipped',
    registers: [this.registry],
  });
  private readonly degraded = new Counter({
    name: 'tueroeffner_degraded_turns_total',
    help: 'Turns answered without state because the store did not answer',
    labelNames: ['channel'],
    registers: [this.registry],
  });

  private storeReady: () => Promise<boolean> = async () => false;
  private queueDepth: () => Promise<{ inbox: number; outbox: number }> = async () => ({
    inbox: 0,
    outbox: 0,
  });

  constructor() {
    // prom-client calls collect() with the gauge as `this`; the arrow keeps the store check at hand.
    const storeReady = (): Promise<boolean> => this.storeReady();
    new Gauge({
      name: 'tueroeffner_store_up',
      help: '1 when the state store (Redis) answers, else 0',
      registers: [this.registry],
      async collect() {
        this.set((await storeReady()) ? 1 : 0);
      },
    });
    const queueDepth = () => this.queueDepth();
    new Gauge({
      name: 'tueroeffner_queue_depth',
      help: 'Entries waiting in the inbox (updates to handle) and the outbox (replies to send)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        const depth = await queueDepth();
        this.set({ queue: 'inbox' }, depth.inbox);
        this.set({ queue: 'outbox' }, depth.outbox);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'tueroeffner_' });
  }

  /** Tells the metrics how to ask whether the state store answers (known once the app is built). */
  watchStore(storeReady: () => Promise<boolean>): void {
    this.storeReady = storeReady;
  }

  /** Tells the metrics how to ask how much waits in the inbox and outbox. */
  watchQueues(depth: () => Promise<{ inbox: number; outbox: number }>): void {
    this.queueDepth = depth;
  }

  /** Records a redelivery that was recognised and skipped. */
  duplicate(): void {
    this.dedupeHits.inc();
  }

  /** Records one turn (the engine's observer). */
  turn(event: TurnEvent): void {
    this.messages.inc({ channel: event.channel, intent: event.intent, outcome: event.outcome });
    this.latency.observe({ channel: event.channel }, event.seconds);
    if (event.degraded) this.degraded.inc({ channel: event.channel });
  }

  /** Records a failure (every error-level log line). */
  error(): void {
    this.errors.inc();
  }

  /** A ledger that counts the redeliveries it refuses. */
  countingLedger(ledger: DeliveryLedger): DeliveryLedger {
    return {
      claim: async (id, holder) => {
        const claimed = await ledger.claim(id, holder);
        if (!claimed) this.dedupeHits.inc();
        return claimed;
      },
      release: (id) => ledger.release(id),
    };
  }

  /** GET /metrics in Prometheus' text format. */
  route(): HttpRoute {
    return {
      method: 'GET',
      path: '/metrics',
      handle: async (_request, response) => {
        const body = await this.registry.metrics();
        response.writeHead(200, { 'content-type': this.registry.contentType });
        response.end(body);
      },
    };
  }
}
