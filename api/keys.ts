/** API keys: what the API shows of a key and of a rotation. */

/** What the API shows of a key. `revokedAt` later than now: the end of a rotation's grace period. */
export type ApiKeyView = {
  id: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Whether the key is accepted right now. */
  active: boolean;
};

export type RotatedKey = { apiKey: string; key: ApiKeyView; replaced: ApiKeyView };
