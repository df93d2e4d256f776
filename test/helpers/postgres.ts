/**
 * A real, private PostgreSQL server for the tests: `initdb` into a temporary folder, `pg_ctl start` on a
 * free loopback port with its unix socket in that folder, trust authentication for loopback only, and
 * durability switched off (a test database is thrown away). Each test takes a fresh database from
 * `createDatabase()`.
 *
 * With TEST_DATABASE_URL set (a superuser's URL, e.g. CI's own server), that server is used instead and
 * nothing is started; `stopServer`/`startServer` then refuse, since we do not own it.
 *
 * initdb refuses to run as root, so as root the server runs as the `postgres` OS user (Debian's package
 * makes it), in a folder that user owns.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../scripts/free-port.ts";

const run = promisify(execFile);
const BINARIES = ["initdb", "pg_ctl", "postgres"] as const;

export type TestPostgres = {
  /** A new, empty database on the server, as a postgres:// URL. */
  createDatabase(): Promise<string>;
  /** Stops the server (`pg_ctl stop -m fast`): connections drop, as in an operator's restart. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and folder. */
  startServer(): Promise<void>;
  /** Stops the server and removes its folder (or, on TEST_DATABASE_URL, drops the databases made). */
  stop(): Promise<void>;
  /** The same, synchronously, for a process's exit. */
  stopSync(): void;
};

/** The folder holding initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin (Debian), else PATH. */
export function postgresBinaries(): string | undefined {
  const has = (dir: string) => BINARIES.every((name) => existsSync(path.join(dir, name)));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (has(path.join(debian, version, "bin"))) return path.join(debian, version, "bin");
  }
  return (process.env.PATH ?? "").split(path.delimiter).find((dir) => dir !== "" && has(dir));
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const made: string[] = [];
  const createDatabase = async (adminUrl: string) => {
    const name = `veritrace_test_${randomBytes(6).toString("hex")}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    made.push(name);
    return withDatabase(adminUrl, name);
  };

  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const refuse = () => Promise.reject(new Error("TEST_DATABASE_URL is set: the tests do not own that server, so they cannot stop or start it"));
    return {
      createDatabase: () => createDatabase(external),
      stopServer: refuse,
      startServer: refuse,
      async stop() {
        for (const name of made.splice(0)) await adminQuery(external, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
      // Databases left on a server we do not own are named veritrace_test_*, for its operator to drop.
      stopSync() {},
    };
  }

  const bin = postgresBinaries();
  if (bin === undefined) {
    throw new Error(
      `PostgreSQL is not installed: the tests need its server binaries (${BINARIES.join(", ")}), looked for in PG_BIN, /usr/lib/postgresql/*/bin and PATH. ` +
        "Install Debian's `postgresql` package (apt-get install postgresql), or set TEST_DATABASE_URL to a server's superuser URL.",
    );
  }
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-pg-"));
  if (asRoot) {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]).catch(() => {
      throw new Error("Running as root, and there is no `postgres` OS user to run the test server as (initdb refuses root)");
    });
    await chown(dir, Number(uid.stdout), Number(gid.stdout));
  }
  const pgCommand = (name: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, name), ...args]) : run(path.join(bin, name), args);

  const data = path.join(dir, "data");
  const port = await freePort();
  await pgCommand("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  // Loopback and the folder's own socket only, no password: nobody else can reach this server.
  await writeFile(path.join(data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
  const options = [`-p ${port}`, "-c listen_addresses=127.0.0.1", `-c unix_socket_directories=${dir}`, "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200"];
  const startServer = async () => {
    await pgCommand("pg_ctl", ["start", "-w", "-D", data, "-l", path.join(dir, "server.log"), "-o", options.join(" ")]);
  };
  const stopServer = async () => {
    await pgCommand("pg_ctl", ["stop", "-w", "-m", "fast", "-D", data]);
  };
  await startServer();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    createDatabase: () => createDatabase(adminUrl),
    stopServer,
    startServer,
    async stop() {
      await pgCommand("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", data]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
    stopSync() {
      const args = ["stop", "-w", "-m", "immediate", "-D", data];
      try {
        if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...args], { stdio: "ignore" });
        else execFileSync(path.join(bin, "pg_ctl"), args, { stdio: "ignore" });
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let shared: Promise<TestPostgres> | undefined;

/**
 * One server for the whole test process, started on first use and stopped when the process exits: for
 * suites that run the service on PostgreSQL (TEST_STORE=postgres, see helpers/service.ts).
 */
export function sharedTestPostgres(): Promise<TestPostgres> {
  shared ??= startTestPostgres().then((server) => {
    process.once("exit", () => server.stopSync());
    return server;
  });
  return shared;
}
