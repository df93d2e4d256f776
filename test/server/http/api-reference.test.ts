import { expect } from "chai";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../helpers/chromium.ts";
import { startTestService, type TestService } from "../../helpers/service.ts";

describe("the API reference page (/docs/api)", function () {
  this.timeout(120_000);
  let svc: TestService;
  let browser: Browser;

  before(async function () {
    svc = await startTestService();
    browser = await launchChromium();
  });

  after(async function () {
    await browser?.close();
    await svc?.close();
  });

  it("is served with a policy that allows scripts, styles and connections from this origin only", async function () {
    const res = await fetch(`${svc.url}/docs/api`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.match(/^text\/html/);
    const policy = res.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "font-src 'self' data:", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(policy).to.contain(directive);
    }
    const html = await res.text();
    expect(html).to.contain('<script src="/docs/api/scalar.js"></script>').and.to.contain('<script src="/docs/api/reference.js"></script>');
    expect(html).to.not.match(/(src|href)="(https?:)?\/\//);
    const init = await (await fetch(`${svc.url}/docs/api/reference.js`)).text();
    expect(init).to.contain('"url":"/api/v1/openapi.json"').and.to.contain('"withDefaultFonts":false').and.to.contain('"telemetry":false');
    const bundle = await fetch(`${svc.url}/docs/api/scalar.js`);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get("content-type")).to.match(/^text\/javascript/);
    expect(Number(bundle.headers.get("content-length"))).to.be.greaterThan(1_000_000);
  });

  it("renders the operations in Chromium without a request to any other origin", async function () {
    const origin = new URL(svc.url).origin;
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    // A request the policy blocks never reaches the network: record the refusals too.
    await page.addInitScript(() => {
      (window as any).violations = [];
      document.addEventListener("securitypolicyviolation", (e) => (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
    });
    await page.goto(`${svc.url}/docs/api`);
    // An operation's summary (the first tag opens by default), and the feature tags in the sidebar.
    await page.getByText("Admit a brand (registrar)", { exact: false }).first().waitFor({ timeout: 60_000 });
    for (const tag of ["Batches", "Verification", "Licences"]) await page.getByText(tag, { exact: true }).first().waitFor();
    await page.getByText("Verification", { exact: true }).first().waitFor();
    await page.waitForTimeout(1_000);

    const violations = await page.evaluate(() => (window as any).violations as string[]);
    expect(errors).to.deep.equal([]);
    // The one refusal expected: the zod inside Scalar probes whether it may compile validators with
    // Function("") and, refused by the policy, validates without; that is no request.
    const refusals = violations.filter((v) => !v.startsWith(`script-src eval ${origin}/docs/api/scalar.js:`));
    expect(refusals).to.deep.equal([]);
    const elsewhere = requests.filter((url) => !url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== origin);
    expect(elsewhere).to.deep.equal([]);
    expect(requests).to.include.members([`${origin}/docs/api`, `${origin}/docs/api/scalar.js`, `${origin}/docs/api/reference.js`, `${origin}/api/v1/openapi.json`]);
    await context.close();
  });
});
