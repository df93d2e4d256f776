/**
 * Who a request comes from, coarsely. Express computes the client's address (`req.ip`) from the socket,
 * and from `X-Forwarded-For` only through the proxies TRUSTED_PROXIES names; everything here starts from
 * that address, so a client that forges the header changes nothing unless a trusted proxy passed it on.
 *
 * - The client *network* (/24 for IPv4, /48 for IPv6) is what scan sessions are bound to and counted by:
 *   one machine can hold many addresses of its network (an IPv6 host picks any address of its /64, often
 *   of its /48), but getting into many networks takes many connections.
 * - The rate-limit *key* is narrower: the address for IPv4, where a /24 is often shared by many unrelated
 *   people (a carrier's NAT, a campus); the /56 for IPv6, the smallest block ISPs commonly give one
 *   subscriber (RIPE-690), so that one subscriber does not get 2^72 budgets.
 */
import { isIPv4, isIPv6 } from "node:net";
import type { Request } from "express";

/** The client network of an address: "203.0.113.0/24", "2001:db8:1::/48"; IPv4-mapped IPv6 is IPv4. */
export function networkOf(ip: string): string {
  const v4 = ipv4Of(ip);
  if (v4 !== undefined) return `${v4.slice(0, 3).join(".")}.0/24`;
  const groups = ipv6Groups(ip);
  if (groups === undefined) return `unknown:${ip.slice(0, 64)}`;
  return `${groups.slice(0, 3).map(hex).join(":")}::/48`;
}

/** The rate-limit key of an address: the IPv4 address itself, or the IPv6 /56. */
export function rateLimitKeyOf(ip: string): string {
  const v4 = ipv4Of(ip);
  if (v4 !== undefined) return v4.join(".");
  const groups = ipv6Groups(ip);
  if (groups === undefined) return `unknown:${ip.slice(0, 64)}`;
  return `${groups.slice(0, 3).map(hex).join(":")}:${hex(groups[3]! & 0xff00)}::/56`;
}

/** The request's client network, from the address Express computed (the socket's when it has none). */
export function clientNetwork(req: Request): string {
  return networkOf(clientAddress(req));
}

export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "";
}

const hex = (group: number) => group.toString(16);

/** The four bytes of an IPv4 address, also written as IPv4-mapped IPv6 (`::ffff:a.b.c.d`, `::ffff:7f00:1`). */
function ipv4Of(ip: string): number[] | undefined {
  if (isIPv4(ip)) return ip.split(".").map(Number);
  const groups = ipv6Groups(ip);
  if (groups === undefined || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return undefined;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff];
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read, a zone dropped). */
function ipv6Groups(ip: string): number[] | undefined {
  const address = ip.replace(/%.*$/, "");
  if (!isIPv6(address)) return undefined;
  const [head = "", tail] = address.split("::") as [string, string | undefined];
  const parse = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((g) => {
          if (!g.includes(".")) return [parseInt(g, 16)];
          const [a, b, c, d] = g.split(".").map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
