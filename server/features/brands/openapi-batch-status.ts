/** The batch view's statuses as read from the chain (`GET /api/v1/batches/{id}`); see features/brands/batch-statuses.ts. */
const STATUS = ["active", "recalled", "stolen", "destroyed"];

export const batchDetailSchema = {
  allOf: [
    { $ref: "#/components/schemas/Batch" },
    {
      type: "object",
      required: ["status", "itemStatuses", "itemStatusesComplete"],
      properties: {
        status: { enum: [...STATUS, "unknown"], description: "The whole batch's status on chain; unknown when it could not be read (see statusUnknown)" },
        itemStatuses: {
          type: "array",
          description: "Items with a status of their own other than active, newest change first (at most 1000)",
          items: {
            type: "object",
            required: ["serial", "itemId", "status", "blockNumber", "transactionHash"],
            properties: {
              serial: { type: "string" },
              itemId: { type: "string" },
              status: { enum: STATUS.slice(1) },
              blockNumber: { type: "integer" },
              transactionHash: { type: "string" },
            },
          },
        },
        itemStatusesComplete: { type: "boolean", description: "False when more items have a status of their own than itemStatuses lists" },
        statusBlock: { type: "integer", description: "The block the statuses were read at" },
        statusUnknown: {
          type: "object",
          description: "Present when the statuses could not be read",
          required: ["code", "message"],
          properties: { code: { enum: ["BATCH_NOT_ANCHORED", "BATCH_NOT_ON_CHAIN", "CHAIN_UNAVAILABLE"] }, message: { type: "string" } },
        },
      },
    },
  ],
};
