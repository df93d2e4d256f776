/**
 * 10,000 random and mutated codes, query strings, headers and bodies against verify, scans and the
 * resolver (seeded, so a failure replays): no answer may be a 5xx, and the service must still be healthy.
 */
import { expect } from "chai";
import http from "node:http";
import { issueBatch } from "../helpers/issued.ts";
import { startTestService, type TestService } from "../helpers/service.ts";

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const SEED = 0x5eed_c0de;

/** mulberry32: a small, seedable PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

/** Lone surrogates cannot be percent-encoded; send their replacement character instead. */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

const ODD = ["%", "%2", "%ZZ", "%00", "%2F", "/", "//", "?", "&", "=", "#", "..", ".", " ", "\u00e9", "\u{1F600}", "\ud800", "'", '"', "<", ">", "\\", "+", "01", "21", "17", "s", "\t", "\n", "\u0000", "0", "9", "A", "-", "_"];

describe("fuzzing the public routes", function () {
  this.timeout(120_000);
  let svc: TestService;
  let uris: string[];
  /** Sessions the service issued (the first few count, the rest do not): scans in them reach the code checks. */
  const sessions: string[] = [];

  before(async function () {
    svc = await startTestService({ RATE_LIMIT_MAX: "1000000" });
    const acme = await svc.newBrand("Acme");
    uris = (await issueBatch(svc, acme.apiKey, { gtin: "09506000134352", lot: "FZ", expiry: "271231", quantity: 3 })).uris;
    for (let i = 0; i < 5; i++) sessions.push((await svc.api("POST", "/api/v1/sessions")).body.sessionId);
  });

  after(async function () {
    await svc?.close();
  });

  it(`answers ${REQUESTS.toLocaleString("en")} random and mutated requests without a 5xx, and stays healthy`, async function () {
    const rnd = prng(SEED);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const { hostname, port } = new URL(svc.url);

    const mutate = (text: string): string => {
      let s = text;
      for (let k = 1 + rnd.int(4); k > 0; k--) {
        const at = rnd.int(s.length + 1);
        const op = rnd.int(5);
        if (op === 0) s = s.slice(0, at) + rnd.pick(ODD) + s.slice(at + 1);
        else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + rnd.int(5));
        else if (op === 2) s = s.slice(0, at) + rnd.pick(ODD) + s.slice(at);
        else if (op === 3) s = s.slice(0, at);
        else s = s.slice(0, at) + s.slice(at, at + 1 + rnd.int(30)).repeat(1 + rnd.int(3)) + s.slice(at);
      }
      return s;
    };
    const randomText = () => Array.from({ length: rnd.int(60) }, () => (rnd.next() < 0.5 ? rnd.pick(ODD) : String.fromCharCode(rnd.int(0x250)))).join("");
    const code = () => (rnd.next() < 0.15 ? randomText() : rnd.next() < 0.1 ? rnd.pick(uris) : mutate(rnd.pick(uris)));
    const value = (depth = 0): unknown =>
      rnd.pick<() => unknown>([
        () => code(),
        () => rnd.next() * 1e6 - 5e5,
        () => rnd.pick([NaN, Infinity, -0, 1e308, -1e308, 2 ** 53 + 1]),
        () => null,
        () => rnd.next() < 0.5,
        () => (depth > 2 ? [] : [value(depth + 1), value(depth + 1)]),
        () => (depth > 2 ? {} : { latitude: value(depth + 1), longitude: value(depth + 1), [randomText()]: value(depth + 1) }),
      ])();
    const scanBody = (): string => {
      const body: Record<string, unknown> = { code: code(), sessionId: rnd.next() < 0.6 ? rnd.pick(sessions) : rnd.next() < 0.5 ? `fuzz-${rnd.int(1e6)}-session` : value() };
      if (rnd.next() < 0.5) body.location = rnd.next() < 0.6 ? { latitude: rnd.next() * 200 - 100, longitude: rnd.next() * 400 - 200 } : value();
      if (rnd.next() < 0.5) body.country = rnd.pick(["FR", "fr", "FRA", "", "ZZ", 33, randomText()]);
      if (rnd.next() < 0.1) body[randomText()] = value();
      const json = JSON.stringify(body);
      return rnd.next() < 0.1 ? mutate(json) : json;
    };
    const query = (text: string) => (rnd.next() < 0.8 ? encode(text) : mutate(encode(text)));
    const resolverPath = () => {
      const uri = rnd.pick(uris);
      const path = uri.slice(uri.indexOf("/01/"));
      const extra = rnd.next() < 0.3 ? `&linkType=${query(rnd.pick(["all", "gs1:pip", "gs1:verificationService", randomText()]))}` : "";
      return (rnd.next() < 0.8 ? mutate(path) : path) + extra;
    };
    const accept = () => rnd.pick(["text/html", "application/json", "application/linkset+json", "*/*", "", "application/xml;q=0.1", randomText()]);

    type Req = { method: string; path: string; headers: Record<string, string>; body?: string };
    const nextRequest = (): Req => {
      const kind = rnd.int(4);
      if (kind === 0) return { method: "GET", path: `/api/v1/verify?code=${query(code())}${rnd.next() < 0.05 ? "&code=x" : ""}`, headers: {} };
      if (kind === 1) return { method: "POST", path: "/api/v1/scans", headers: { "content-type": "application/json" }, body: scanBody() };
      if (kind === 2) return { method: "GET", path: `/api/v1/scans?code=${query(code())}`, headers: {} };
      return { method: "GET", path: resolverPath(), headers: { accept: accept() } };
    };

    const send = (req: Req): Promise<number> =>
      new Promise((resolve, reject) => {
        let path = req.path;
        // node:http refuses to send some characters at all; send those percent-encoded instead.
        if (/[^\x21-\x7e]/.test(path)) path = path.replace(/[^\x21-\x7e]/gu, (c) => encode(c).replace(/%(?![0-9A-F]{2})/g, "%25"));
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, v.replace(/[^\x20-\x7e]/g, "")]));
        const r = http.request({ hostname, port, method: req.method, path, headers, agent }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        });
        r.on("error", reject);
        r.end(req.body);
      });

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < REQUESTS) {
          sent++;
          const req = nextRequest();
          const status = await send(req);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status >= 500) failures.push(`${status} ${req.method} ${req.path} ${req.body ?? ""}`);
        }
      }),
    );
    agent.destroy();
    expect(failures, failures.slice(0, 5).join("\n")).to.deep.equal([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).to.equal(REQUESTS);
    // Both the happy and the refusing paths were exercised.
    expect(statuses.get(200)).to.be.above(100);
    expect(statuses.get(400)).to.be.above(100);
    expect((await svc.api("GET", "/healthz")).status).to.equal(200);
    expect((await svc.api("GET", `/api/v1/verify?code=${encodeURIComponent(uris[0]!)}`)).body.verdict).to.be.oneOf(["GENUINE", "SUSPICIOUS"]);
  });
});
