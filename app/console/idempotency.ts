/**
 * Idempotency keys for batch creation. Each submission gets a fresh key, except a re-submission of the
 * very same request after it got no answer: that one reuses the key, so the service returns the batch it
 * may already have accepted instead of making a second one.
 */
import { randomUuid } from "./uuid.ts";

export class IdempotencyKeys {
  readonly #newKey: () => string;
  #unanswered: { request: string; key: string } | undefined;

  constructor(newKey: () => string = randomUuid) {
    this.#newKey = newKey;
  }

  /** The key to send with `request` (its JSON body): the unanswered one if it is the same request. */
  keyFor(request: string): string {
    if (this.#unanswered?.request === request) return this.#unanswered.key;
    const key = this.#newKey();
    this.#unanswered = { request, key };
    return key;
  }

  /** The service answered (accepted or refused): the next submission is a new request. */
  answered(): void {
    this.#unanswered = undefined;
  }
}
