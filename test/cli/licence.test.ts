import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { composite, resize, toJpeg, toPng } from "../fixtures/images/generate.ts";
import { startTestService, type TestService } from "../helpers/service.ts";
import { runCli, show } from "./run-cli.ts";

describe("veritrace rights-holder, platform, work, licence, notice and content check (CLI)", function () {
  this.timeout(180_000);
  let svc: TestService;
  let dir: string;

  before(async function () {
    svc = await startTestService();
    dir = await mkdtemp(path.join(os.tmpdir(), "veritrace-cli-licence-"));
  });

  after(async function () {
    await svc?.close();
  });

  it("admits a rights holder and a platform, registers a work, licenses it, checks copies and files and answers a notice", async function () {
    const registrar = { url: svc.url, apiKey: svc.registrarApiKey };
    const holder = await runCli(["rights-holder", "add", "--name", "Studio CLI", "--json"], registrar);
    expect(holder.code, show(holder)).to.equal(0);
    const holderKey = JSON.parse(holder.stdout).apiKey as string;
    const platform = await runCli(["platform", "add", "--name", "CliTube", "--json"], registrar);
    expect(platform.code, show(platform)).to.equal(0);
    const platformKey = JSON.parse(platform.stdout).apiKey as string;
    const licensee = await runCli(["rights-holder", "add", "--name", "Licensee CLI", "--json"], registrar);
    const licenseeAddress = JSON.parse(licensee.stdout).rightsHolder.address as string;

    const image = composite(11, 320, 240);
    const file = path.join(dir, "work.png");
    await writeFile(file, toPng(image));
    const registered = await runCli(["work", "register", file, "--metadata-uri", "ipfs://cli/1", "--json"], { url: svc.url, apiKey: holderKey });
    expect(registered.code, show(registered)).to.equal(0);
    const workId = JSON.parse(registered.stdout).work.id as string;
    const again = await runCli(["work", "register", file], { url: svc.url, apiKey: holderKey });
    expect(again.code).to.equal(3);
    expect(again.stderr).to.include("WORK_EXISTS");

    const granted = await runCli(
      ["licence", "grant", "--work", workId, "--licensee", licenseeAddress, "--platform", "CliTube", "--territory", "FR", "--territory", "BE", "--start", "2026-01-01", "--end", "2027-01-01"],
      { url: svc.url, apiKey: holderKey },
    );
    expect(granted.code, show(granted)).to.equal(0);
    expect(granted.stdout).to.include("territories  BE, FR");
    const bad = await runCli(["licence", "grant", "--work", workId, "--licensee", licenseeAddress, "--platform", "CliTube", "--territory", "ZZ", "--start", "2026-01-01"], { url: svc.url, apiKey: holderKey });
    expect(bad.code).to.equal(3);
    expect(bad.stderr).to.include("UNKNOWN_COUNTRY");

    const yes = await runCli(["licence", "check", "--work", workId, "--licensee", licenseeAddress, "--platform", "CliTube", "--territory", "FR", "--time", "2026-06-01"], { url: svc.url });
    expect(yes.stdout).to.match(/^LICENSED by licence 0x/);
    const no = await runCli(["licence", "check", "--work", workId, "--licensee", licenseeAddress, "--platform", "CliTube", "--territory", "DE", "--time", "2026-06-01"], { url: svc.url });
    expect(no.stdout).to.include("NOT LICENSED: territory-not-covered");
    const licences = await runCli(["licence", "list", "--work", workId, "--json"], { url: svc.url });
    expect(licences.code, show(licences)).to.equal(0);
    expect(JSON.parse(licences.stdout).licences.map((l: { licensee: string }) => l.licensee)).to.deep.equal([licenseeAddress]);

    const copy = path.join(dir, "copy.jpg");
    await writeFile(copy, toJpeg(resize(image, 0.5), 60));
    const checked = await runCli(["content", "check", copy, "--uploader", licenseeAddress, "--territory", "DE", "--time", "2026-06-01"], { url: svc.url, apiKey: platformKey });
    expect(checked.code, show(checked)).to.equal(0);
    expect(checked.stdout).to.include("NOT LICENSED on CliTube in DE: territory-not-covered").and.include(workId);

    const filed = await runCli(["notice", "file", "--platform", "CliTube", "--territory", "FR", "--work", workId, "--location", "https://clitube.example/v/9", "--evidence", "frames 1-20", "--json"], { url: svc.url, apiKey: holderKey });
    expect(filed.code, show(filed)).to.equal(0);
    const noticeId = JSON.parse(filed.stdout).notice.id as string;
    const answered = await runCli(["notice", "answer", noticeId, "--answer", "removed"], { url: svc.url, apiKey: platformKey });
    expect(answered.code, show(answered)).to.equal(0);
    const twice = await runCli(["notice", "answer", noticeId, "--answer", "removed"], { url: svc.url, apiKey: platformKey });
    expect(twice.stderr).to.include("NOTICE_ANSWERED");
    const listed = await runCli(["notice", "list", "--platform", "CliTube"], { url: svc.url });
    expect(listed.stdout).to.include(`${noticeId}  removed`);
  });
});
