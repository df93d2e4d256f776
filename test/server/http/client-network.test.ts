import { expect } from "chai";
import { networkOf, rateLimitKeyOf } from "../../../server/http/client-network.ts";

describe("server/http/client-network", function () {
  describe("networkOf", function () {
    it("is the /24 of an IPv4 address, also when written IPv4-mapped", function () {
      expect(networkOf("203.0.113.7")).to.equal("203.0.113.0/24");
      expect(networkOf("::ffff:203.0.113.200")).to.equal("203.0.113.0/24");
      expect(networkOf("::ffff:cb00:71c8")).to.equal("203.0.113.0/24");
    });

    it("is the /48 of an IPv6 address, however it is written", function () {
      expect(networkOf("2001:db8:1:2:3:4:5:6")).to.equal("2001:db8:1::/48");
      expect(networkOf("2001:0db8:0001:ffff::1")).to.equal("2001:db8:1::/48");
      expect(networkOf("2001:db8::1")).to.equal("2001:db8:0::/48");
      expect(networkOf("fe80::1%eth0")).to.equal("fe80:0:0::/48");
    });

    it("keeps text that is no address apart, as its own network", function () {
      expect(networkOf("not-an-ip")).to.equal("unknown:not-an-ip");
    });
  });

  describe("rateLimitKeyOf", function () {
    it("is the IPv4 address itself, and the /56 of an IPv6 one", function () {
      expect(rateLimitKeyOf("203.0.113.7")).to.equal("203.0.113.7");
      expect(rateLimitKeyOf("::ffff:203.0.113.7")).to.equal("203.0.113.7");
      expect(rateLimitKeyOf("2001:db8:1:ab12::1")).to.equal("2001:db8:1:ab00::/56");
      expect(rateLimitKeyOf("2001:db8:1:abff:ffff::1")).to.equal("2001:db8:1:ab00::/56");
    });
  });
});
