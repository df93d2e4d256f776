-- Items in fewer bytes (issue 12: at most 200 bytes per item with the batch's tree; docs/proofs.md has the
-- figures). Each row costs 28 bytes of tuple header and line pointer whatever it holds, and each index
-- entry 12 more, so the row and its indexes lose what is not needed:
--   - the leaf: keccak-256 of (batch id, serial, expiry), all at hand, so it is computed when read (a proof
--     needs at most 16; a whole batch's are computed on the tree thread) instead of 33 bytes a row;
--   - batch_seq as INTEGER: the primary key's entries are then 20 bytes instead of 28, and its pages are
--     filled whole (fillfactor 100), since items arrive in key order;
--   - serials stay unique in their batch through a hash index, whose entries hold a 4-byte hash of
--     (batch_seq, serial) instead of a B-tree's copy of both (36 bytes an entry, in pages that random
--     serials leave a third empty). A lookup or a new row checks the serial itself on the rows with its hash.
-- A batch seq past 2^31 - 1 would fail here and at COPY, loudly; at one batch a second that is 68 years.
CREATE TYPE item_key AS (batch_seq INTEGER, serial TEXT);
CREATE TABLE items_lean (
  -- No foreign key: a per-row check would slow COPY, and items are only ever written beside their batch.
  batch_seq INTEGER NOT NULL,
  idx INTEGER NOT NULL,
  serial TEXT NOT NULL,
  signature BYTEA NOT NULL,
  CONSTRAINT items_lean_pkey PRIMARY KEY (batch_seq, idx) WITH (fillfactor = 100)
);
INSERT INTO items_lean (batch_seq, idx, serial, signature) SELECT batch_seq, idx, serial, signature FROM items ORDER BY batch_seq, idx;
DROP TABLE items;
ALTER TABLE items_lean RENAME TO items;
ALTER TABLE items RENAME CONSTRAINT items_lean_pkey TO items_pkey;
-- Made after the copy: one pass over the rows instead of a check per row.
ALTER TABLE items ADD CONSTRAINT items_serial EXCLUDE USING hash ((ROW(batch_seq, serial)::item_key) WITH =) WITH (fillfactor = 100);
