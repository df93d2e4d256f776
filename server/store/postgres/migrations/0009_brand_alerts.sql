-- Brand alerts to customs (docs/alerts.md): a brand expects fakes of a GTIN (or one lot) bound for a
-- country, from anywhere or one origin, until expires_at; withdrawn ones stay as history. Times are ISO
-- texts like the other tables'. Customs risk lanes read the active ones by GTIN.
CREATE TABLE brand_alerts (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  brand_id TEXT NOT NULL,
  gtin TEXT NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
  lot TEXT,
  country TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  origin TEXT CHECK (origin ~ '^[A-Z]{2}$'),
  reason TEXT NOT NULL,
  raised_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  withdrawn_at TEXT
);
CREATE INDEX brand_alerts_by_org ON brand_alerts (org_id, seq);
CREATE INDEX brand_alerts_by_gtin ON brand_alerts (gtin, expires_at);
