-- Works' region hashes (core/content/robust-hash.ts): what a 10 % crop or a small rotation of a work leaves,
-- kept beside the pHash the chain holds. Six hashes of 16 hex digits in one text: the 90 % parts, then the
-- 80 % centre. seq orders them for the content index, which reads the ones kept since it last looked.
CREATE TABLE work_regions (
  seq BIGSERIAL PRIMARY KEY,
  work_id TEXT NOT NULL UNIQUE,
  hashes TEXT NOT NULL CHECK (hashes ~ '^[0-9a-f]{96}$')
);
