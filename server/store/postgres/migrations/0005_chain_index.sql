-- The chain index (server/indexer/): the follower's cursor, the recent block hashes it checks for reorgs,
-- and the registries' events with their main keys as indexed columns for the paged lists. IF NOT EXISTS:
-- databases made before the index joined these migrations already hold the tables from its own runner.
CREATE TABLE IF NOT EXISTS chain_cursor (
  id smallint PRIMARY KEY CHECK (id = 1),
  block_number bigint NOT NULL,
  block_hash text NOT NULL
);

CREATE TABLE IF NOT EXISTS chain_blocks (
  block_number bigint PRIMARY KEY,
  block_hash text NOT NULL
);

CREATE TABLE IF NOT EXISTS chain_events (
  block_number bigint NOT NULL,
  log_index integer NOT NULL,
  block_hash text NOT NULL,
  transaction_hash text NOT NULL,
  contract text NOT NULL,
  event_name text NOT NULL,
  args jsonb NOT NULL,
  brand_id text,
  batch_id text,
  work_id text,
  shipment_id text,
  licence_id text,
  notice_id text,
  platform_id text,
  account text,
  other_account text,
  PRIMARY KEY (block_number, log_index)
);

CREATE INDEX IF NOT EXISTS chain_events_by_name ON chain_events (event_name, block_number, log_index);
CREATE INDEX IF NOT EXISTS chain_events_by_brand_id ON chain_events (brand_id, event_name, block_number, log_index) WHERE brand_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_batch_id ON chain_events (batch_id, event_name, block_number, log_index) WHERE batch_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_work_id ON chain_events (work_id, event_name, block_number, log_index) WHERE work_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_shipment_id ON chain_events (shipment_id, event_name, block_number, log_index) WHERE shipment_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_licence_id ON chain_events (licence_id, event_name, block_number, log_index) WHERE licence_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_notice_id ON chain_events (notice_id, event_name, block_number, log_index) WHERE notice_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_platform_id ON chain_events (platform_id, event_name, block_number, log_index) WHERE platform_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_account ON chain_events (account, event_name, block_number, log_index) WHERE account IS NOT NULL;
CREATE INDEX IF NOT EXISTS chain_events_by_other_account ON chain_events (other_account, event_name, block_number, log_index) WHERE other_account IS NOT NULL;
