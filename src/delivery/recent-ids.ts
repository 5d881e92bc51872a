/** How many ids are remembered at most; the oldest are forgotten first. */
const DEFAULT_LIMIT = 100_000;

/**
 * A bounded set of ids this process finished but could not yet mark done in
 * Redis (it was down): when the entry comes back after its lease, it is only
 * marked done. Bounded, oldest forgotten first, so memory stays flat.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  delete(id: string): void {
    this.ids.delete(id);
  }
}
