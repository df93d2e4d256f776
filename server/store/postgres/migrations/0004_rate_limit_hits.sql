-- The public rate limit's counters, shared by every instance (server/cluster/pg-rate-limit-store.ts).
-- UNLOGGED: updated on every public request, so kept out of the WAL; emptied after a crash, which only
-- forgives the clients one window.
CREATE UNLOGGED TABLE rate_limit_hits (
  key TEXT PRIMARY KEY,
  hits INTEGER NOT NULL,
  reset_at TIMESTAMPTZ NOT NULL
);
