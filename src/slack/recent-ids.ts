/**
 * A bounded memory of the ids seen lately, oldest forgotten first: enough to recognise a redelivery,
 * which Slack sends within minutes, without growing for ever.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 1000) {}

  /** True the first time an id is seen (and remembers it), false for a repeat. */
  firstSeen(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const [oldest] = this.ids;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
