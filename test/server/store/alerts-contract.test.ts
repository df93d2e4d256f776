/**
 * Brand alerts kept alike by SqliteStore and PgStore (the rest of the store's contract is in
 * store-contract.test.ts): raised, read, listed by state and in pages, withdrawn once, and the active
 * ones by GTIN, each judged at the time asked.
 */
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Hex } from "viem";
import type { NewAlert } from "../../../server/features/alerts/store/types.ts";
import { PgStore } from "../../../server/store/postgres/pg-store.ts";
import { SqliteStore } from "../../../server/store/sqlite-store.ts";
import type { Store } from "../../../server/store/store.ts";
import { startTestPostgres, type TestPostgres } from "../../helpers/postgres.ts";

const ACME = `0x${"a1".repeat(32)}` as Hex;
const GTIN = "09506000134352";
const OTHER_GTIN = "09506000134369";
const DAY = 86_400_000;
const T0 = Date.parse("2026-03-01T10:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

const alert = (n: number, overrides: Partial<NewAlert> = {}): NewAlert => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  orgId: "acme",
  brandId: ACME,
  gtin: GTIN,
  lot: undefined,
  country: "NL",
  origin: undefined,
  reason: `reason ${n}`,
  raisedAt: iso(T0 + n * 1000),
  expiresAt: iso(T0 + 10 * DAY),
  ...overrides,
});

type Implementation = { name: string; before?: () => Promise<void>; after?: () => Promise<void>; open: () => Promise<Store>; cleanup: () => Promise<void> };

function sqlite(): Implementation {
  let dir: string | undefined;
  return {
    name: "SqliteStore",
    async open() {
      dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-alerts-"));
      return new SqliteStore(path.join(dir, "veritrace.db"));
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function postgres(): Implementation {
  let server: TestPostgres | undefined;
  return {
    name: "PgStore",
    async before() {
      server = await startTestPostgres();
    },
    async after() {
      await server?.stop();
    },
    async open() {
      return PgStore.open(await server!.createDatabase());
    },
    async cleanup() {},
  };
}

for (const implementation of [sqlite(), postgres()]) {
  describe(`Store contract: ${implementation.name}: brand alerts`, function () {
    let store: Store;
    before(async function () {
      await implementation.before?.();
    });
    after(async function () {
      await implementation.after?.();
    });
    beforeEach(async function () {
      store = await implementation.open();
      for (const id of ["acme", "globex"]) {
        await store.createOrganisation({ id, name: id, kind: "brand", brandId: undefined, parentId: undefined, metadataUri: "ipfs://x", createdAt: iso(T0) }, [], `hash-${id}`);
      }
    });
    afterEach(async function () {
      await store.close();
      await implementation.cleanup();
    });

    it("keeps every field of an alert and reads it back by id", async function () {
      const raised = await store.alerts.raise(alert(1, { lot: "L1", origin: "CN", brandId: ACME.toUpperCase().replace("0X", "0x") as Hex }));
      const expected = { ...alert(1, { lot: "L1", origin: "CN" }), brandId: ACME, withdrawnAt: undefined };
      expect(raised).to.deep.include(expected);
      expect(raised.seq).to.be.a("number");
      expect(await store.alerts.get(raised.id)).to.deep.equal(raised);
      expect(await store.alerts.get("00000000-0000-4000-8000-999999999999")).to.equal(undefined);
    });

    it("lists an organisation's alerts newest first, by state at the time asked, in pages", async function () {
      await store.alerts.raise(alert(1));
      await store.alerts.raise(alert(2, { expiresAt: iso(T0 + DAY) }));
      await store.alerts.raise(alert(3));
      await store.alerts.raise(alert(4, { orgId: "globex" }));
      await store.alerts.withdraw(alert(3).id, "acme", iso(T0 + 2 * DAY));
      const ids = (list: Array<{ id: string }>) => list.map((a) => Number(a.id.slice(-2)));
      const now = iso(T0 + 3 * DAY);
      expect(ids(await store.alerts.list("acme", { now, limit: 10 }))).to.deep.equal([3, 2, 1]);
      expect(ids(await store.alerts.list("acme", { now, limit: 10, state: "active" }))).to.deep.equal([1]);
      expect(ids(await store.alerts.list("acme", { now, limit: 10, state: "expired" }))).to.deep.equal([2]);
      expect(ids(await store.alerts.list("acme", { now, limit: 10, state: "withdrawn" }))).to.deep.equal([3]);
      // Before alert 2 expired, it was active.
      expect(ids(await store.alerts.list("acme", { now: iso(T0 + DAY / 2), limit: 10, state: "active" }))).to.deep.equal([2, 1]);
      const first = await store.alerts.list("acme", { now, limit: 2 });
      expect(ids(first)).to.deep.equal([3, 2]);
      expect(ids(await store.alerts.list("acme", { now, limit: 2, beforeSeq: first.at(-1)!.seq }))).to.deep.equal([1]);
    });

    it("withdraws an organisation's own alert once, keeping the first withdrawal; another's is not found", async function () {
      await store.alerts.raise(alert(1));
      expect(await store.alerts.withdraw(alert(1).id, "globex", iso(T0 + DAY))).to.equal(undefined);
      expect((await store.alerts.get(alert(1).id))!.withdrawnAt).to.equal(undefined);
      expect((await store.alerts.withdraw(alert(1).id, "acme", iso(T0 + DAY)))!.withdrawnAt).to.equal(iso(T0 + DAY));
      expect((await store.alerts.withdraw(alert(1).id, "acme", iso(T0 + 2 * DAY)))!.withdrawnAt).to.equal(iso(T0 + DAY));
      expect(await store.alerts.withdraw("00000000-0000-4000-8000-999999999999", "acme", iso(T0))).to.equal(undefined);
    });

    it("answers the alerts active at a time, of every GTIN or of one", async function () {
      await store.alerts.raise(alert(1));
      await store.alerts.raise(alert(2, { gtin: OTHER_GTIN }));
      await store.alerts.raise(alert(3, { expiresAt: iso(T0 + DAY) }));
      await store.alerts.raise(alert(4));
      await store.alerts.withdraw(alert(4).id, "acme", iso(T0));
      const ids = (list: Array<{ id: string }>) => list.map((a) => Number(a.id.slice(-2)));
      expect(ids(await store.alerts.active(iso(T0 + DAY / 2)))).to.deep.equal([1, 2, 3]);
      expect(ids(await store.alerts.active(iso(T0 + DAY)))).to.deep.equal([1, 2]);
      expect(ids(await store.alerts.active(iso(T0 + DAY), GTIN))).to.deep.equal([1]);
      expect(ids(await store.alerts.active(iso(T0 + 10 * DAY)))).to.deep.equal([]);
    });
  });
}
