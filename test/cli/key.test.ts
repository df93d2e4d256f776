import { expect } from "chai";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace key list|rotate|revoke (CLI)", function () {
  this.timeout(120_000);
  let svc: TestService;

  before(async function () {
    svc = await startTestService();
  });

  after(async function () {
    await svc?.close();
  });

  it("lists a brand's key, rotates it with a grace period, then revokes the old one", async function () {
    const brand = await svc.newBrand("Key CLI Acme");
    const asBrand = { url: svc.url, apiKey: brand.apiKey };
    const listed = await runCli(["key", "list"], asBrand);
    expect(listed.code, show(listed)).to.equal(0);
    const [line, ...rest] = listed.stdout.trim().split("\n");
    expect(rest).to.deep.equal([]);
    const match = /^([0-9a-f]{16})  \(no label\)  created (\S+)  last used (\S+)  active$/.exec(line!);
    expect(match, line).to.not.equal(null);
    const oldId = match![1]!;

    const rotated = await runCli(["key", "rotate", oldId, "--grace", "600", "--label", "laptop"], asBrand);
    expect(rotated.code, show(rotated)).to.equal(0);
    const [newLine, secretLine, oldLine] = rotated.stdout.trim().split("\n");
    expect(newLine).to.match(/^New key [0-9a-f]{16}  laptop  created \S+  last used never  active$/);
    const newKey = /^API key \(shown once\): (vt_[A-Za-z0-9_-]{43})$/.exec(secretLine!)![1]!;
    expect(oldLine).to.match(new RegExp(`^Old key ${oldId}  \\(no label\\)  created \\S+  last used \\S+  active until \\S+ \\(rotated\\)$`));

    const stillOld = await runCli(["key", "list", "--json"], asBrand);
    expect(stillOld.code, show(stillOld)).to.equal(0);
    expect(JSON.parse(stillOld.stdout).keys.map((k: any) => [k.label, k.active])).to.deep.equal([
      [null, true],
      ["laptop", true],
    ]);

    const revoked = await runCli(["key", "revoke", oldId], { url: svc.url, apiKey: newKey });
    expect(revoked.code, show(revoked)).to.equal(0);
    expect(revoked.stdout).to.match(new RegExp(`^Key ${oldId}  \\(no label\\)  .*  revoked \\S+\\n$`));
    const refused = await runCli(["key", "list"], asBrand);
    expect(refused.code, show(refused)).to.equal(3);
    expect(refused.stderr).to.include(`The API key ${oldId} was revoked at`);
    expect(refused.stderr).to.include("(API_KEY_REVOKED)");
  });

  it("lets the registrar act on another organisation with --org, and refuses a bad --grace as a usage error", async function () {
    const brand = await svc.newBrand("Key CLI Registrar");
    const orgId = (await svc.api("GET", "/api/v1/brand", { key: brand.apiKey })).body.id;
    const asRegistrar = { url: svc.url, apiKey: svc.registrarApiKey };
    const listed = await runCli(["key", "list", "--org", orgId, "--json"], asRegistrar);
    expect(listed.code, show(listed)).to.equal(0);
    const [{ id }] = JSON.parse(listed.stdout).keys;
    const rotated = await runCli(["key", "rotate", id, "--org", orgId, "--json"], asRegistrar);
    expect(rotated.code, show(rotated)).to.equal(0);
    const { apiKey } = JSON.parse(rotated.stdout);
    expect((await svc.api("GET", "/api/v1/brand", { key: apiKey })).body.id).to.equal(orgId);

    const bad = await runCli(["key", "rotate", id, "--grace", "1h"], asRegistrar);
    expect(bad.code, show(bad)).to.equal(2);
    expect(bad.stderr).to.include("must be whole seconds, at most 604800 (a week)");
  });
});
