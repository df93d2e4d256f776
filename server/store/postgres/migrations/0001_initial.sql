-- The store's schema on PostgreSQL: the same tables and meanings as the SQLite store (sqlite-store.ts and
-- its table files). Times the service passes in are kept as the ISO text it gave; times in milliseconds,
-- block numbers and other counts that may pass 2^31 are BIGINT; leaves, signatures and item ids BYTEA.
-- `seq` columns give rows of the same time a stable order (SQLite's rowid does this there).

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('registrar', 'brand', 'retailer', 'customs', 'logistics', 'rights-holder', 'platform')),
  brand_id TEXT UNIQUE,
  parent_id TEXT REFERENCES organisations(id),
  metadata_uri TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  key_hash TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  label TEXT,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at);

CREATE TABLE accounts (
  address TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL CHECK (role IN ('registrar', 'admin', 'signer')),
  encrypted_key BYTEA NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE INDEX accounts_by_org ON accounts (org_id, created_at, seq);

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  expiry BIGINT,
  quantity INTEGER NOT NULL,
  metadata_uri TEXT NOT NULL,
  -- The brand's own serials as a JSON array; NULL when the service makes them.
  requested_serials TEXT,
  state TEXT NOT NULL CHECK (state IN ('generating', 'anchoring', 'submitted', 'confirmed', 'failed')),
  generated INTEGER NOT NULL DEFAULT 0,
  merkle_root TEXT,
  signer TEXT NOT NULL,
  transaction_hash TEXT,
  raw_transaction TEXT,
  block_number BIGINT,
  error TEXT,
  created_at TEXT NOT NULL,
  confirmed_at TEXT
);
CREATE INDEX batches_by_org ON batches (org_id, created_at, seq);
CREATE INDEX batches_by_product ON batches (gtin, lot);
CREATE INDEX batches_by_state ON batches (state, created_at, seq);

CREATE TABLE items (
  -- No foreign key: a per-row check would slow COPY, and items are only ever written beside their batch.
  batch_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  serial TEXT NOT NULL,
  leaf BYTEA NOT NULL,
  signature BYTEA NOT NULL,
  PRIMARY KEY (batch_id, idx),
  UNIQUE (batch_id, serial)
);

CREATE TABLE idempotency (
  org_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  -- The response body as the JSON text first sent (not JSONB, which would reorder its keys).
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, key)
);

CREATE TABLE health (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL);

CREATE TABLE brand_profiles (
  org_id TEXT PRIMARY KEY REFERENCES organisations(id),
  country TEXT
);
CREATE TABLE brand_prefixes (
  prefix TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  assigned_at TEXT NOT NULL
);
CREATE INDEX brand_prefixes_by_org ON brand_prefixes (org_id, prefix);
CREATE TABLE brand_label_domains (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  host TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (org_id, host)
);

-- The scan log. Rows arrive in time order and are never updated, so a BRIN index on the scan time stays
-- a few pages however many years it covers, and serves time-range reads and deletions; the B-tree
-- indexes serve the per-item and per-brand reads the service makes on every verification and report.
CREATE TABLE scans (
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  serial TEXT NOT NULL,
  session_id TEXT NOT NULL,
  network TEXT NOT NULL,
  scanned_at BIGINT NOT NULL,
  latitude DOUBLE PRECISION,
  longitude DOUBLE PRECISION,
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country)))
);
CREATE INDEX scans_by_brand_item ON scans (brand_id, gtin, lot, serial, scanned_at, seq);
CREATE INDEX scans_by_time ON scans USING brin (scanned_at);

CREATE TABLE scan_sessions (
  id TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  issued_at BIGINT NOT NULL,
  counted BOOLEAN NOT NULL
);
CREATE INDEX scan_sessions_by_network ON scan_sessions (network, counted, issued_at);
CREATE INDEX scan_sessions_by_age ON scan_sessions (counted, issued_at);

CREATE TABLE counterfeit_scans (
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL,
  lot TEXT NOT NULL,
  serial TEXT NOT NULL,
  reason TEXT NOT NULL,
  session_id TEXT NOT NULL,
  network TEXT NOT NULL,
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  scanned_at BIGINT NOT NULL
);
CREATE INDEX counterfeit_scans_by_brand ON counterfeit_scans (brand_id, scanned_at);
CREATE INDEX counterfeit_scans_by_time ON counterfeit_scans USING brin (scanned_at);

CREATE TABLE parties (
  address TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  -- No foreign key: the party is written before its organisation (see use-cases/parties.ts).
  org_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('logistics', 'customs')),
  country TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE shipments (
  id TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  shipper TEXT NOT NULL,
  waybill TEXT NOT NULL,
  consignee TEXT NOT NULL,
  origin TEXT NOT NULL,
  destination TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  items_root TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('declaring', 'confirmed')),
  transaction_hash TEXT,
  block_number BIGINT,
  created_at TEXT NOT NULL
);
CREATE INDEX shipments_by_state ON shipments (state, created_at, seq);

CREATE TABLE shipment_items (
  shipment_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  item_id BYTEA NOT NULL,
  -- Which issued item it is, for exports that name items by GTIN, lot and serial (the id is a hash).
  batch_id TEXT NOT NULL,
  serial TEXT NOT NULL,
  PRIMARY KEY (shipment_id, idx)
);
CREATE INDEX shipment_items_by_item ON shipment_items (item_id, shipment_id);

CREATE TABLE inspections (
  id TEXT PRIMARY KEY,
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  shipment_id TEXT NOT NULL REFERENCES shipments(id),
  office_org_id TEXT NOT NULL REFERENCES organisations(id),
  created_at TEXT NOT NULL,
  report TEXT NOT NULL,
  report_hash TEXT NOT NULL,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('cleared', 'held', 'seized')),
  -- JSON array of brand ids, set with the outcome.
  brand_ids TEXT,
  transaction_hash TEXT,
  block_number BIGINT
);
CREATE INDEX inspections_unrecorded ON inspections (created_at, seq) WHERE outcome IS NOT NULL AND transaction_hash IS NULL;
