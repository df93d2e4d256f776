/**
 * How each class reads and sounds to an officer who is looking at the goods, not the screen: a word, an
 * icon and a colour (never colour alone), and a tone pattern told apart by ear. A good item gives one short
 * high beep; anything to act on gives a low double tone, so a problem is heard even in a noisy shed.
 * Each word is read from the catalogue when drawn, so it is always the active language's.
 */
import type { InspectionClass } from "../../../core/inspection.ts";
import type { VerdictCopy } from "../verdict-copy.ts";
import { t } from "./words.ts";

/** A tone pattern: each note a frequency in hertz and a length in milliseconds, with short gaps between. */
export type TonePattern = readonly { hz: number; ms: number }[];

export type ClassCue = Pick<VerdictCopy, "word" | "icon" | "tone"> & { sound: TonePattern; urgent: boolean };

/** What each class means in a phrase (core's INSPECTION_CLASS_LABEL, in the active language). */
export const classLabel = (cls: InspectionClass): string => t(`class.${cls}.label`);

const HIGH_BEEP: TonePattern = [{ hz: 1320, ms: 110 }];
const LOW_DOUBLE: TonePattern = [
  { hz: 220, ms: 170 },
  { hz: 220, ms: 170 },
];

export const CLASS_CUE: Record<InspectionClass, ClassCue> = {
  declared: { get word() { return t("class.declared.word"); }, icon: "✔", tone: "ok", sound: HIGH_BEEP, urgent: false },
  // Genuine goods to act on: the low double tone, as for any finding the officer must deal with.
  expired: { get word() { return t("class.expired.word"); }, icon: "⌛", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  undeclared: { get word() { return t("class.undeclared.word"); }, icon: "✖", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  counterfeit: { get word() { return t("class.counterfeit.word"); }, icon: "✖", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  revoked: { get word() { return t("class.revoked.word"); }, icon: "⛔", tone: "bad", sound: LOW_DOUBLE, urgent: true },
  // A middle pitch: not a problem with the goods, but the officer should know the label was counted again.
  duplicate: { get word() { return t("class.duplicate.word"); }, icon: "↺", tone: "warn", sound: [{ hz: 660, ms: 70 }, { hz: 660, ms: 70 }, { hz: 660, ms: 70 }], urgent: false },
  unverified: { get word() { return t("class.unverified.word"); }, icon: "?", tone: "unknown", sound: [{ hz: 440, ms: 320 }], urgent: true },
};

/** A QR code that is not a label: shown and heard, but never counted. */
export const NOT_A_CODE_CUE: ClassCue = { get word() { return t("class.notALabel.word"); }, icon: "?", tone: "unknown", sound: [{ hz: 330, ms: 250 }], urgent: true };
