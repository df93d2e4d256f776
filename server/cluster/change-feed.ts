/**
 * What one instance tells the others about changes they cache: a scan recorded for an item (its verify
 * answers are stale: the item may now be SUSPICIOUS). With one instance on SQLite the feed stays in the
 * process; on PostgreSQL it goes through LISTEN/NOTIFY (`pg-change-feed.ts`) so a verify on any instance
 * sees a scan taken through another.
 *
 * A feed that may have missed messages says so (`onGap`): whoever caches then forgets everything, which
 * is always safe.
 */
export interface ChangeFeed {
  /** Tells every instance, this one included, that the item's scan log moved. */
  scanRecorded(item: string): Promise<void>;
  onScanRecorded(listener: (item: string) => void): void;
  /** Called when messages may have been lost (the listening connection dropped and came back). */
  onGap(listener: () => void): void;
  close(): Promise<void>;
}

/** The feed of a single instance: messages reach this process's listeners at once and are never lost. */
export class LocalChangeFeed implements ChangeFeed {
  readonly #listeners: Array<(item: string) => void> = [];

  async scanRecorded(item: string): Promise<void> {
    for (const listener of this.#listeners) listener(item);
  }

  onScanRecorded(listener: (item: string) => void): void {
    this.#listeners.push(listener);
  }

  onGap(): void {}

  async close(): Promise<void> {}
}
