-- Items under their batch's seq instead of its 66-character id, which the row and both indexes repeated;
-- and batches' Merkle trees as pages (server/trees/stored-tree.ts), so that a proof never rebuilds a tree.
CREATE TABLE items_compact (
  -- No foreign key: a per-row check would slow COPY, and items are only ever written beside their batch.
  batch_seq BIGINT NOT NULL,
  idx INTEGER NOT NULL,
  serial TEXT NOT NULL,
  leaf BYTEA NOT NULL,
  signature BYTEA NOT NULL,
  CONSTRAINT items_compact_pkey PRIMARY KEY (batch_seq, idx),
  CONSTRAINT items_compact_serial UNIQUE (batch_seq, serial)
);
INSERT INTO items_compact (batch_seq, idx, serial, leaf, signature)
  SELECT b.seq, i.idx, i.serial, i.leaf, i.signature FROM items i JOIN batches b ON b.id = i.batch_id ORDER BY b.seq, i.idx;
DROP TABLE items;
ALTER TABLE items_compact RENAME TO items;
ALTER TABLE items RENAME CONSTRAINT items_compact_pkey TO items_pkey;
ALTER TABLE items RENAME CONSTRAINT items_compact_serial TO items_batch_seq_serial_key;

CREATE UNIQUE INDEX batches_by_seq ON batches (seq);

CREATE TABLE tree_pages (
  batch_id TEXT NOT NULL,
  -- 0: top inner nodes, 1: each item's sorted position, 2: the item at each sorted position.
  part SMALLINT NOT NULL,
  page INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (batch_id, part, page)
);
