/**
 * Collects the keys asked for within one turn of the event loop and fetches them together: thousands of
 * verdicts computed side by side each ask for their item's status, and this turns those asks into a few
 * bulk reads instead of one call per row. Each key is fetched once per loader.
 */
export type FetchMany<K, V> = (keys: readonly K[]) => Promise<Map<K, V>>;

export class BatchedLoader<K, V> {
  readonly #fetchMany: FetchMany<K, V>;
  readonly #fallback: V;
  readonly #values = new Map<K, Promise<V>>();
  #pending = new Map<K, { resolve: (value: V) => void; reject: (error: unknown) => void }>();
  #scheduled = false;

  /** `fallback`: the value of a key the bulk read returns nothing for (e.g. an item never given a status). */
  constructor(fetchMany: FetchMany<K, V>, fallback: V) {
    this.#fetchMany = fetchMany;
    this.#fallback = fallback;
  }

  load(key: K): Promise<V> {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = new Promise<V>((resolve, reject) => this.#pending.set(key, { resolve, reject }));
      this.#values.set(key, value);
      if (!this.#scheduled) {
        this.#scheduled = true;
        // After the microtasks: every verdict waiting on the same earlier read has asked by then.
        setImmediate(() => void this.#flush());
      }
    }
    return value;
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    this.#scheduled = false;
    try {
      const found = await this.#fetchMany([...batch.keys()]);
      for (const [key, waiter] of batch) waiter.resolve(found.has(key) ? found.get(key)! : this.#fallback);
    } catch (error) {
      for (const [key, waiter] of batch) {
        this.#values.delete(key);
        waiter.reject(error);
      }
    }
  }
}
