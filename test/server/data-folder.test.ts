import { expect } from "chai";
import { chmod, mkdir, mkdtemp, readdir, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { secureDataFolder } from "../../server/data-folder.ts";
import { SqliteStore } from "../../server/store/sqlite-store.ts";
import { startTestService } from "../helpers/service.ts";

const modeOf = async (file: string) => `0${((await stat(file)).mode & 0o777).toString(8)}`;

/** A pino logger whose lines are kept, parsed. */
function recordingLogger() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("server/data-folder: the data folder is its owner's only", function () {
  this.timeout(60_000);

  it("makes a new folder 0700 and the database, its -wal and -shm files 0600, whatever the umask", async function () {
    const parent = await mkdtemp(path.join(os.tmpdir(), "veritrace-data-"));
    const dir = path.join(parent, "data");
    const previous = process.umask(0o022);
    try {
      const { logger, lines } = recordingLogger();
      expect(await secureDataFolder(dir, logger)).to.deep.equal([]);
      const store = new SqliteStore(path.join(dir, "veritrace.db"));
      await store.createOrganisation({ id: "o1", name: "Acme", kind: "brand", brandId: undefined, parentId: undefined, metadataUri: "", createdAt: "2026-01-01T00:00:00Z" }, [], "h1");
      expect((await readdir(dir)).sort()).to.deep.equal(["veritrace.db", "veritrace.db-shm", "veritrace.db-wal"]);
      expect(await modeOf(dir)).to.equal("0700");
      for (const file of ["veritrace.db", "veritrace.db-wal", "veritrace.db-shm"]) expect(await modeOf(path.join(dir, file)), file).to.equal("0600");
      await store.close();
      expect(lines).to.deep.equal([]);
    } finally {
      process.umask(previous);
    }
  });

  it("restricts an existing open folder and its files at start, and logs each change", async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-data-"));
    await chmod(dir, 0o755);
    await writeFile(path.join(dir, "veritrace.db"), "", { mode: 0o644 });
    await writeFile(path.join(dir, "veritrace.db-wal"), "", { mode: 0o644 });
    await writeFile(path.join(dir, "master.key"), "0x00\n", { mode: 0o600 });
    await writeFile(path.join(dir, "deployment-31337.json"), "{}");
    // Past the umask: a group-writable file, as a restore from a backup may leave.
    await chmod(path.join(dir, "deployment-31337.json"), 0o664);
    // Outside the folder, reached through a link: not the folder's to change.
    const outside = path.join(await mkdtemp(path.join(os.tmpdir(), "veritrace-outside-")), "shared.txt");
    await writeFile(outside, "", { mode: 0o644 });
    await symlink(outside, path.join(dir, "link"));
    await mkdir(path.join(dir, "sub"), { mode: 0o755 });

    const { logger, lines } = recordingLogger();
    const changes = await secureDataFolder(dir, logger);
    const at = (name: string) => path.join(dir, name);
    expect(changes.sort((a, b) => a.path.localeCompare(b.path))).to.deep.equal(
      [
        { path: dir, from: "0755", to: "0700" },
        { path: at("deployment-31337.json"), from: "0664", to: "0600" },
        { path: at("veritrace.db"), from: "0644", to: "0600" },
        { path: at("veritrace.db-wal"), from: "0644", to: "0600" },
      ].sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(await modeOf(dir)).to.equal("0700");
    for (const file of ["veritrace.db", "veritrace.db-wal", "master.key", "deployment-31337.json"]) expect(await modeOf(at(file)), file).to.equal("0600");
    expect(await modeOf(outside), "a link's target outside the folder").to.equal("0644");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ level: 40, msg: "data folder was readable by others; restricted to its owner" });
    expect(lines[0].changes).to.have.deep.members(changes);
    // Nothing left to do the second time, and nothing logged.
    expect(await secureDataFolder(dir, logger)).to.deep.equal([]);
    expect(lines).to.have.length(1);
  });

  it("is applied by the service at start: database files 0600 in a 0700 folder", async function () {
    const svc = await startTestService({}, { sqliteOnly: true });
    try {
      await svc.newBrand("Modes Acme");
      expect(await modeOf(svc.dataDir)).to.equal("0700");
      const files = (await readdir(svc.dataDir)).filter((f) => f.startsWith("veritrace.db")).sort();
      expect(files).to.deep.equal(["veritrace.db", "veritrace.db-shm", "veritrace.db-wal"]);
      for (const file of files) expect(await modeOf(path.join(svc.dataDir, file)), file).to.equal("0600");
    } finally {
      await svc.close();
    }
  });
});
