-- The intelligence page's roll-ups of the scan log (server/features/intelligence/store/rollup-sql.ts explains
-- them): kept in each scan's transaction from now on, and built here from the scans already stored. The
-- build reads the whole scan log once (about a minute per 10,000,000 scans); it runs in the migration's
-- transaction, so an instance starting meanwhile waits on the migration lock, and a failure leaves nothing.
CREATE TABLE scan_daily (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, day INTEGER NOT NULL, country TEXT NOT NULL,
  counterfeit BIGINT NOT NULL, suspicious BIGINT NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, day, country)
);
CREATE TABLE scan_cells (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, day INTEGER NOT NULL,
  latitude DOUBLE PRECISION NOT NULL, longitude DOUBLE PRECISION NOT NULL,
  scans BIGINT NOT NULL, sessions BIGINT NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, day, latitude, longitude)
);
CREATE TABLE code_countries (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL, country TEXT NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial, country)
);
CREATE TABLE code_cells (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL, longitude DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial, latitude, longitude)
);
CREATE TABLE code_summary (
  brand_id TEXT NOT NULL, gtin TEXT NOT NULL, lot TEXT NOT NULL, serial TEXT NOT NULL,
  countries INTEGER NOT NULL, cells INTEGER NOT NULL, scans BIGINT NOT NULL, sessions BIGINT NOT NULL,
  first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,
  PRIMARY KEY (brand_id, gtin, lot, serial)
);
CREATE INDEX code_summary_clones ON code_summary (brand_id, countries DESC, cells DESC, scans DESC, gtin, lot, serial) WHERE (countries >= 3 OR cells >= 3);
-- A scan asks whether its session saw the code, or the cell that day, before: a session's scans are few.
CREATE INDEX scans_by_session ON scans (session_id);

INSERT INTO code_countries SELECT DISTINCT brand_id, gtin, lot, serial, country FROM scans WHERE country IS NOT NULL;

INSERT INTO code_cells SELECT DISTINCT brand_id, gtin, lot, serial, latitude, longitude FROM scans WHERE latitude IS NOT NULL;

INSERT INTO code_summary (brand_id, gtin, lot, serial, countries, cells, scans, sessions, first_at, last_at)
  SELECT brand_id, gtin, lot, serial, COUNT(DISTINCT country), COUNT(DISTINCT CAST(latitude AS TEXT) || ',' || CAST(longitude AS TEXT)), COUNT(*), COUNT(DISTINCT session_id), MIN(scanned_at), MAX(scanned_at)
  FROM scans GROUP BY brand_id, gtin, lot, serial;

INSERT INTO scan_cells (brand_id, gtin, lot, day, latitude, longitude, scans, sessions)
  SELECT brand_id, '', '', scanned_at / 86400000 AS day, latitude, longitude, COUNT(*), COUNT(DISTINCT session_id)
  FROM scans WHERE latitude IS NOT NULL GROUP BY brand_id, scanned_at / 86400000, latitude, longitude;

INSERT INTO scan_cells (brand_id, gtin, lot, day, latitude, longitude, scans, sessions)
  SELECT brand_id, gtin, '', scanned_at / 86400000 AS day, latitude, longitude, COUNT(*), COUNT(DISTINCT session_id)
  FROM scans WHERE latitude IS NOT NULL GROUP BY brand_id, gtin, scanned_at / 86400000, latitude, longitude;

INSERT INTO scan_cells (brand_id, gtin, lot, day, latitude, longitude, scans, sessions)
  SELECT brand_id, gtin, lot, scanned_at / 86400000 AS day, latitude, longitude, COUNT(*), COUNT(DISTINCT session_id)
  FROM scans WHERE latitude IS NOT NULL GROUP BY brand_id, gtin, lot, scanned_at / 86400000, latitude, longitude;

INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
  SELECT brand_id, '', '', day, country, SUM(counterfeit), SUM(suspicious) FROM (
  SELECT brand_id, gtin, lot, scanned_at / 86400000 AS day, coalesce(country, '') AS country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans
  UNION ALL
  SELECT s.brand_id, s.gtin, s.lot, s.scanned_at / 86400000, coalesce(s.country, ''), 0, 1
  FROM scans s JOIN code_summary c ON c.brand_id = s.brand_id AND c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
  WHERE (c.countries >= 3 OR c.cells >= 3)
  ) v GROUP BY brand_id, day, country;

INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
  SELECT brand_id, gtin, '', day, country, SUM(counterfeit), SUM(suspicious) FROM (
  SELECT brand_id, gtin, lot, scanned_at / 86400000 AS day, coalesce(country, '') AS country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans
  UNION ALL
  SELECT s.brand_id, s.gtin, s.lot, s.scanned_at / 86400000, coalesce(s.country, ''), 0, 1
  FROM scans s JOIN code_summary c ON c.brand_id = s.brand_id AND c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
  WHERE (c.countries >= 3 OR c.cells >= 3)
  ) v GROUP BY brand_id, gtin, day, country;

INSERT INTO scan_daily (brand_id, gtin, lot, day, country, counterfeit, suspicious)
  SELECT brand_id, gtin, lot, day, country, SUM(counterfeit), SUM(suspicious) FROM (
  SELECT brand_id, gtin, lot, scanned_at / 86400000 AS day, coalesce(country, '') AS country, 1 AS counterfeit, 0 AS suspicious FROM counterfeit_scans
  UNION ALL
  SELECT s.brand_id, s.gtin, s.lot, s.scanned_at / 86400000, coalesce(s.country, ''), 0, 1
  FROM scans s JOIN code_summary c ON c.brand_id = s.brand_id AND c.gtin = s.gtin AND c.lot = s.lot AND c.serial = s.serial
  WHERE (c.countries >= 3 OR c.cells >= 3)
  ) v GROUP BY brand_id, gtin, lot, day, country;
