-- Batch claims (a lease): which service instance drives an unfinished batch, and until when.
-- The anchoring worker of each instance claims the oldest unfinished batch whose claim is free or expired,
-- renews the claim while it works and stops at once when a renewal finds another owner
-- (server/workers/batch-lease.ts, docs/postgresql.md). Times are the database's (now()), never an instance's.
ALTER TABLE batches ADD COLUMN claimed_by TEXT;
ALTER TABLE batches ADD COLUMN claim_expires_at TIMESTAMPTZ;
-- Unfinished batches are few and each is looked at by every claim: a small index over them alone.
CREATE INDEX batches_unfinished ON batches (created_at, seq) WHERE state IN ('generating', 'anchoring', 'submitted');
