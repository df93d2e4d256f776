/** The registry's enums (`contracts/types/ProductTypes.sol`), by name. Their order is the ABI. */
export const Status = { Active: 0, Recalled: 1, Stolen: 2, Destroyed: 3 } as const;
export type Status = (typeof Status)[keyof typeof Status];
export type StatusName = keyof typeof Status;

export const SignerStanding = { Unknown: 0, Authorised: 1, RevokedBeforeBatch: 2 } as const;
export type SignerStanding = (typeof SignerStanding)[keyof typeof SignerStanding];

const statusNames = Object.keys(Status) as StatusName[];

/** The name of a status as the registry returns it (a number). */
export function statusName(status: number): StatusName {
  const name = statusNames[status];
  if (name === undefined) throw new RangeError(`No status ${status}`);
  return name;
}
