/**
 * Messages for screen readers: a polite region (progress, completions; also shown as the notice bar)
 * and an assertive one (errors). Each message is set after clearing, so repeating the same words is
 * still announced.
 */
export type Announcer = {
  polite(message: string): void;
  assertive(message: string): void;
  clear(): void;
};

export function createAnnouncer(politeRegion: HTMLElement, assertiveRegion: HTMLElement): Announcer {
  const say = (region: HTMLElement, message: string) => {
    region.textContent = "";
    // A change in the same task as the clearing is coalesced by some screen readers and never spoken.
    setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
  return {
    polite: (message) => say(politeRegion, message),
    assertive: (message) => say(assertiveRegion, message),
    clear() {
      politeRegion.textContent = "";
      assertiveRegion.textContent = "";
    },
  };
}
