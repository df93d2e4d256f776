import { expect } from "chai";
import { FIRST_PREFIX, gtinIn } from "../helpers/prefixes.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace alerts (CLI): a brand raises, lists and withdraws alerts to customs", function () {
  this.timeout(180_000);
  let svc: TestService;
  let apiKey: string;
  const gtin = gtinIn(FIRST_PREFIX);

  before(async function () {
    svc = await startTestService();
    apiKey = (await svc.newBrand("Acme")).apiKey;
  });

  after(async function () {
    await svc?.close();
  });

  it("raises an alert, lists it, withdraws it, and lists it as withdrawn", async function () {
    const raised = await runCli(["alerts", "raise", "--gtin", gtin, "--lot", "L1", "--country", "NL", "--origin", "CN", "--reason", "Fakes in Rotterdam", "--days", "30", "--json"], { url: svc.url, apiKey });
    expect(raised.code, show(raised)).to.equal(0);
    const { alert } = JSON.parse(raised.stdout);
    expect(alert).to.include({ gtin, lot: "L1", country: "NL", origin: "CN", reason: "Fakes in Rotterdam", state: "active" });
    const day = alert.expiresAt.slice(0, 10);

    const listed = await runCli(["alerts"], { url: svc.url, apiKey });
    expect(listed.code, show(listed)).to.equal(0);
    expect(listed.stdout).to.equal(`active    ${alert.id}  GTIN ${gtin} lot L1  CN → NL  until ${day}  "Fakes in Rotterdam"\n`);

    const withdrawn = await runCli(["alerts", "withdraw", alert.id], { url: svc.url, apiKey });
    expect(withdrawn.code, show(withdrawn)).to.equal(0);
    expect(withdrawn.stdout).to.match(new RegExp(`^Alert withdrawn: withdrawn ${alert.id}  GTIN ${gtin} lot L1  CN → NL  until ${day} \\(withdrawn \\d{4}-\\d\\d-\\d\\d\\)  "Fakes in Rotterdam"\\n$`));
    const active = await runCli(["alerts", "list", "--state", "active"], { url: svc.url, apiKey });
    expect(active.stdout).to.equal("No alerts.\n");
  });

  it("names the service's refusal with its code, and refuses bad days before asking", async function () {
    const uk = await runCli(["alerts", "raise", "--gtin", gtin, "--country", "UK", "--reason", "x"], { url: svc.url, apiKey });
    expect(uk.code, show(uk)).to.equal(3);
    expect(uk.stderr).to.contain("UNKNOWN_COUNTRY");
    expect(uk.stderr).to.contain("GB");
    const days = await runCli(["alerts", "raise", "--gtin", gtin, "--country", "NL", "--reason", "x", "--days", "400"], { url: svc.url, apiKey });
    expect(days.code).to.equal(2);
    expect(days.stderr).to.contain("must be whole days from 1 to 365");
    const unknown = await runCli(["alerts", "withdraw", "00000000-0000-4000-8000-000000000000"], { url: svc.url, apiKey });
    expect(unknown.code).to.equal(3);
    expect(unknown.stderr).to.contain("UNKNOWN_ALERT");
  });
});
