/**
 * Matching that survives the edits an infringer makes beyond resizing and recompression (issue 13):
 * mirroring and quarter turns, small rotations, crops, a border. The registered 64-bit pHash stays the
 * work's fingerprint on chain; around it:
 *
 * - the upload is probed in its 8 dihedral orientations (`dihedral.ts`) against works' pHashes: free, read
 *   off the one DCT;
 * - a plain border (a frame, a letterbox) is trimmed from the upload and the rest probed against pHashes;
 * - a work also keeps region hashes of parts of itself (`PART_BOXES`: 4 corners and the centre at 90 %,
 *   what a 10 % crop leaves; `CENTRE_BOX`: the centre at 80 %, which no small rotation's corners reach),
 *   kept by the service beside the chain. The upload's own pHash is probed against the 90 % parts, and the centre 80 % of the
 *   upload turned back by each of `ROTATIONS` against the 80 % centres.
 *
 * A probe and a stored hash are compared by Hamming distance like any pHash; which probe meets which kind
 * of stored hash is `ProbeKind`. Pure arithmetic: runs in the browser too.
 */
import { dihedralHashes } from "./dihedral.ts";
import { type CropBox, cropGray, rotateGray, workingCopy } from "./geometry.ts";
import type { RgbaImage } from "./image.ts";
import { type GrayImage, hashOfCoefficients, lowFrequencyDct, reduceToGray32, resampleGray } from "./phash.ts";

/** What a stored hash is of: the whole work (its registered pHash), a 90 % part, or its 80 % centre. */
export type ProbeKind = "whole" | "part" | "centre";

/** The parts of a work whose hashes are kept beside its pHash: the centre and the 4 corners at 90 % of each side. */
export const PART_BOXES: readonly CropBox[] = [
  [0.05, 0.05, 0.9, 0.9],
  [0, 0, 0.9, 0.9],
  [0.1, 0, 0.9, 0.9],
  [0, 0.1, 0.9, 0.9],
  [0.1, 0.1, 0.9, 0.9],
];
/** The centre at 80 % of each side: what a turn of up to 5° leaves whole (its corners move in or out). */
export const CENTRE_BOX: CropBox = [0.1, 0.1, 0.8, 0.8];

/**
 * The turns (degrees) an upload's centre is turned back by, besides not at all: a copy turned 2–5° either
 * way is then within 1° of one of them. 0, ±1.5, ±3, ±4.5 found 1 more of 795 photo copies but cost 2 more
 * lookups a check (docs/licences.md).
 */
export const ROTATIONS: readonly number[] = [-4, -2, 2, 4];

/** The hashes a work keeps beside its registered pHash: `PART_BOXES` in order, then `CENTRE_BOX`. */
export type RegionHashes = { parts: bigint[]; centre: bigint };

/** What a probe undoes: the edit a match through it tells of. */
export const PROBE_EDITS = ["as-uploaded", "mirrored-or-turned", "cropped", "framed", "rotated"] as const;
export type ProbeEdit = (typeof PROBE_EDITS)[number];

/** One hash to look up, which kind of stored hash it is compared with, and the edit it undoes. */
export type Probe = { kind: ProbeKind; hash: bigint; why: ProbeEdit };

const hashGray = (gray: GrayImage): bigint => hashOfCoefficients(lowFrequencyDct(resampleGray(gray, 32, 32).data));

/** The region hashes of a work's image, computed when it is registered. */
export function regionHashes(image: RgbaImage): RegionHashes {
  return regionsOf(workingCopy(image));
}

function regionsOf(gray: GrayImage): RegionHashes {
  return { parts: PART_BOXES.map((box) => hashGray(cropGray(gray, box))), centre: hashGray(cropGray(gray, CENTRE_BOX)) };
}

/** Every probe of an uploaded image; the first is its own pHash against works' pHashes. */
export function uploadProbes(image: RgbaImage): Probe[] {
  return probesOf(lowFrequencyDct(reduceToGray32(image)), workingCopy(image));
}

/** The probes from the image's pHash coefficients and its working copy. */
function probesOf(coefficients: Float64Array, gray: GrayImage): Probe[] {
  const [own, ...turned] = dihedralHashes(coefficients);
  const probes: Probe[] = [{ kind: "whole", hash: own!, why: "as-uploaded" }];
  for (const hash of turned) probes.push({ kind: "whole", hash, why: "mirrored-or-turned" });
  probes.push({ kind: "part", hash: own!, why: "cropped" });
  const trimmed = trimBorder(gray);
  if (trimmed !== gray) probes.push({ kind: "whole", hash: hashGray(trimmed), why: "framed" });
  for (const degrees of [0, ...ROTATIONS]) probes.push({ kind: "centre", hash: hashGray(cropGray(rotateGray(gray, degrees), CENTRE_BOX)), why: "rotated" });
  return probes;
}

/** How far a border pixel's luma may stray from the border's own and still be border (JPEG ringing, noise). */
const BORDER_TOLERANCE = 10;

/**
 * The picture inside a plain border: rows and columns at the edges whose every pixel is within
 * `BORDER_TOLERANCE` of the corner's luma are cut, while at least half the picture is left. The same
 * picture if there is no border.
 */
export function trimBorder(gray: GrayImage): GrayImage {
  const { width, height, data } = gray;
  const colour = data[0]!;
  const plainRow = (y: number) => data.subarray(y * width, (y + 1) * width).every((v) => Math.abs(v - colour) <= BORDER_TOLERANCE);
  const plainColumn = (x: number, top: number, bottom: number) => {
    for (let y = top; y < bottom; y++) if (Math.abs(data[y * width + x]! - colour) > BORDER_TOLERANCE) return false;
    return true;
  };
  let [top, bottom] = [0, height];
  while (top < height / 4 && plainRow(top)) top++;
  while (bottom > (height * 3) / 4 && plainRow(bottom - 1)) bottom--;
  let [left, right] = [0, width];
  while (left < width / 4 && plainColumn(left, top, bottom)) left++;
  while (right > (width * 3) / 4 && plainColumn(right - 1, top, bottom)) right--;
  if (top === 0 && left === 0 && bottom === height && right === width) return gray;
  return cropGray(gray, [left / width, top / height, (right - left) / width, (bottom - top) / height]);
}

/** Everything matching needs of one image: its pHash (what the chain holds), its region hashes, its probes. */
export type ImageFingerprint = { perceptualHash: bigint; regions: RegionHashes; probes: Probe[] };

export function fingerprintOf(image: RgbaImage): ImageFingerprint {
  const gray = workingCopy(image);
  const probes = probesOf(lowFrequencyDct(reduceToGray32(image)), gray);
  return { perceptualHash: probes[0]!.hash, regions: regionsOf(gray), probes };
}

/**
 * The probes of an upload known by its pHash alone (a platform that sends hashes, not files): as uploaded
 * against pHashes, and as a crop against works' parts. Turns and rotations need the pixels.
 */
export function probesOfHash(phash: bigint): Probe[] {
  return [
    { kind: "whole", hash: phash, why: "as-uploaded" },
    { kind: "part", hash: phash, why: "cropped" },
  ];
}
