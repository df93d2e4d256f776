/**
 * How each class reads and sounds to an officer who is looking at the goods, not the screen: a word, an
 * icon and a colour (never colour alone), and a tone pattern told apart by ear. A good item gives one short
 * high beep; anything to act on gives a low double tone, so a problem is heard even in a noisy shed.
 */
import type { InspectionClass } from "../../../core/inspection.ts";
import type { VerdictCopy } from "../verdict-copy.ts";

/** A tone pattern: each note a frequency in hertz and a length in milliseconds, with short gaps between. */
export type TonePattern = readonly { hz: number; ms: number }[];

export type ClassCue = Pick<VerdictCopy, "word" | "icon" | "tone"> & { sound: TonePattern; urgent: boolean };

const HIGH_BEEP: TonePattern = [{ hz: 1320, ms: 110 }];
const LOW_DOUBLE: TonePattern = [
  { hz: 220, ms: 170 },
  { hz: 220, ms: 170 },
];

export const CLASS_CUE: Record<InspectionClass, ClassCue> = {
  declared: { word: "Declared", icon: "✔", tone: "ok", sound: HIGH_BEEP, urgent: false },
  // Genuine goods to act on: the low double tone, as for any finding the officer must deal with.
  expired: { word: "Expired", icon: "⌛", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  undeclared: { word: "Not declared", icon: "✖", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  counterfeit: { word: "Counterfeit", icon: "✖", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  revoked: { word: "Revoked", icon: "⛔", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  // A middle pitch: not a problem with the goods, but the officer should know the label was counted again.
  duplicate: { word: "Scanned twice", icon: "↺", tone: "warn", sound: [{ hz: 660, ms: 70 }, { hz: 660, ms: 70 }, { hz: 660, ms: 70 }], urgent: false },
  unverified: { word: "Not checked", icon: "?", tone: "unknown", sound: [{ hz: 440, ms: 320 }], urgent: true },
};

/** A QR code that is not a label: shown and heard, but never counted. */
export const NOT_A_CODE_CUE: ClassCue = { word: "Not a label", icon: "?", tone: "unknown", sound: [{ hz: 330, ms: 250 }], urgent: true };
