import { keccak256, toBytes } from "viem";
import { ITEM_CODE_TYPES } from "../../core/eip712.ts";

/**
 * `typeHash(ItemCode)`, derived from core's type definition so that the type is written once. Computed
 * on the main thread and handed to the workers, which then need neither viem nor core's eip712 module.
 */
export const ITEM_CODE_TYPE_HASH = keccak256(
  toBytes(`ItemCode(${ITEM_CODE_TYPES.ItemCode.map(({ type, name }) => `${type} ${name}`).join(",")})`),
  "bytes",
);
