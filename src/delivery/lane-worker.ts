import type { LaneLease, Lanes } from './lanes';

/** How often an idle worker looks for due lanes that other instances queued. */
const POLL_MS = 100;
/** How long to wait after the queue itself failed (Redis down), at most. */
const MAX_PAUSE_MS = 2_000;

/**
 * Works off one set of lanes with a bounded number of concurrent tasks: each
 * loop takes the head of a due lane and processes it. One loop polls while
 * idle; the others sleep until there is work (a local push, or a loop that
 * found some). The bound is the back-pressure: what exceeds it waits in the lanes.
 */
export class LaneWorker<T> {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private waiters: (() => void)[] = [];
  private busy = 0;

  constructor(
    readonly lanes: Lanes<T>,
    private readonly concurrency: number,
    private readonly process: (lease: LaneLease<T>) => Promise<void>,
    private readonly onQueueError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop(i === 0));
  }

  /** Stops taking work and waits for the tasks in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
    this.loops.length = 0;
  }

  /** There may be work: wake one sleeping loop (it wakes the next if it found some). */
  wake(): void {
    this.waiters.shift()?.();
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Whether a task is being processed in this process right now. */
  get active(): boolean {
    return this.busy > 0;
  }

  private async loop(polls: boolean): Promise<void> {
    let failures = 0;
    while (this.running) {
      // Let pending I/O in first (webhook requests waiting for their acknowledgement): acks before work.
      await new Promise((resolve) => setImmediate(resolve));
      if (!this.running) break;
      let taken;
      try {
        taken = await this.lanes.take();
        failures = 0;
      } catch (error) {
        this.onQueueError(error);
        failures++;
        await this.sleep(Math.min(MAX_PAUSE_MS, 100 * 2 ** failures), true);
        continue;
      }
      if (taken.lease) {
        if (taken.more) this.wake(); // other lanes are due: let one more loop look
        this.busy++;
        try {
          await this.process(taken.lease);
        } finally {
          this.busy--;
        }
        continue;
      }
      const wait = taken.nextInMs < 0 ? POLL_MS : Math.min(taken.nextInMs, POLL_MS);
      await this.sleep(wait, polls);
    }
  }

  private sleep(ms: number, timed: boolean): Promise<void> {
    return new Promise((resolve) => {
      // Stopped between a take and this sleep: no wake would come any more.
      if (!this.running) return resolve();
      const done = (): void => {
        if (timer) clearTimeout(timer);
        // Woken by the timer: leave the waiters, so a wake() never goes to a loop already awake.
        const index = this.waiters.indexOf(done);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve();
      };
      const timer = timed ? setTimeout(done, ms) : undefined;
      this.waiters.push(done);
    });
  }
}
