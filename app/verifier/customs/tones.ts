/**
 * The sound cues, made with the Web Audio API: no audio file to fetch, and a tone starts within a few
 * milliseconds of the class being known. Browsers only let a page make sound after a tap, so the audio
 * context is opened on the tap that starts the camera. Muting is remembered for the tab.
 */
import type { TonePattern } from "./cues.ts";

const MUTE_KEY = "veritrace.customs.muted";
const GAP_MS = 60;
/** Quiet enough not to startle, loud enough for a phone speaker in a warehouse. */
const VOLUME = 0.25;

export type Tones = { unlock(): void; play(pattern: TonePattern): void; muted: boolean };

export function createTones(): Tones {
  let context: AudioContext | undefined;
  let muted = readMuted();
  return {
    unlock() {
      if (context === undefined && typeof AudioContext === "function") context = new AudioContext();
      void context?.resume();
    },
    play(pattern) {
      if (muted || context === undefined) return;
      let at = context.currentTime;
      for (const { hz, ms } of pattern) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = hz;
        // A 5 ms ramp at each end: a tone switched on and off abruptly clicks.
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(VOLUME, at + 0.005);
        gain.gain.setValueAtTime(VOLUME, at + ms / 1000 - 0.005);
        gain.gain.linearRampToValueAtTime(0, at + ms / 1000);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(at);
        oscillator.stop(at + ms / 1000);
        at += (ms + GAP_MS) / 1000;
      }
    },
    get muted() {
      return muted;
    },
    set muted(value) {
      muted = value;
      try {
        if (value) sessionStorage.setItem(MUTE_KEY, "yes");
        else sessionStorage.removeItem(MUTE_KEY);
      } catch {
        // Not kept: the toggle still holds for this page.
      }
    },
  };
}

function readMuted(): boolean {
  try {
    return sessionStorage.getItem(MUTE_KEY) === "yes";
  } catch {
    return false;
  }
}
