/**
 * The page's own reads of the LicenceRegistry, through viem on the chosen RPC (app/verifier/chain.ts's
 * client). Every answer the page shows comes from here; the service only said where the registry is.
 * All the reads of one check are pinned to one block, so the answer, the licence and its ancestors are one
 * consistent picture of the chain.
 */
import { zeroHash, type Address, type Client, type Hex } from "viem";
import { getBlockNumber, getChainId, getContractEvents, readContract } from "viem/actions";
import { licenceRegistryAbi } from "../../core/abi/index.ts";
import { countryBytes, countryCode } from "../../core/iso3166.ts";
import { rpcClient } from "../verifier/chain.ts";
import { NOTICE_STATUSES, REJECTION_REASONS, UNLICENSED_REASONS, type NoticeStatusName, type RejectionReasonName, type UnlicensedReasonName } from "./licence-copy.ts";
import type { LicenceNetwork } from "./licence-network.ts";
import { t } from "./words.ts";

/** Thrown when the page has no way to the registry at all (no RPC, or no registry announced). */
export class NoLicenceRegistry extends Error {
  override name = "NoLicenceRegistry";
}

export type LicenceQuery = { workId: Hex; licensee: Address; platformId: Hex; country: string; time: number };

export type LicenceRecord = {
  licenceId: Hex;
  workId: Hex;
  /** Undefined for a root licence. */
  parentId: Hex | undefined;
  licensee: Address;
  grantor: Address;
  start: number;
  /** Undefined: no end. */
  end: number | undefined;
  grantedAt: number;
  /** Undefined: not revoked. */
  revokedAt: number | undefined;
  depth: number;
  sublicensable: boolean;
  worldwide: boolean;
  platforms: { id: Hex; name: string | undefined }[];
  territories: string[];
};

export type CheckAnswer = {
  licensed: boolean;
  /** Undefined when no licence is involved (the owner, or no licence at all). */
  licenceId: Hex | undefined;
  reason: UnlicensedReasonName;
  /** The licence, then its parent, up to the root. */
  chain: LicenceRecord[];
  work: { owner: Address; registeredAt: number } | undefined;
  platformName: string | undefined;
  chainId: number;
  blockNumber: bigint;
};

export type NoticeRecord = {
  noticeId: Hex;
  sender: Address;
  senderName: string | undefined;
  principal: Address;
  principalName: string | undefined;
  platformId: Hex;
  platformName: string | undefined;
  territory: string;
  /** Undefined for a product notice. */
  workId: Hex | undefined;
  brandId: Hex | undefined;
  batchId: Hex | undefined;
  locationHash: Hex;
  evidenceHash: Hex;
  filedAt: number;
  answeredAt: number | undefined;
  status: NoticeStatusName;
  rejection: RejectionReasonName;
  counterNoticeHash: Hex | undefined;
  /** The platform's free-text explanation of a rejection (kept in the NoticeAnswered event only). */
  explanation: string | undefined;
  blockNumber: bigint;
};

export type NoticeFilter = { workId?: Hex | undefined; rightsHolder?: Address | undefined; platformId?: Hex | undefined };

/** uint40's maximum: a licence with no end. */
const NO_END = 2 ** 40 - 1;
/** A malformed registry could make a parent loop; the contract caps depth far below this. */
const MAX_CHAIN = 32;

const orUndefined = (value: Hex): Hex | undefined => (value === zeroHash ? undefined : value);

export type LicenceChain = {
  check(query: LicenceQuery): Promise<CheckAnswer>;
  notices(filter: NoticeFilter): Promise<{ notices: NoticeRecord[]; chainId: number; blockNumber: bigint }>;
};

export function licenceChainFor(network: LicenceNetwork): LicenceChain {
  const { rpcUrl, licenceRegistry } = network;
  if (rpcUrl === undefined || licenceRegistry === undefined) {
    const why = rpcUrl === undefined ? t("chain.noRpc") : t("chain.noRegistry");
    const fail = () => Promise.reject(new NoLicenceRegistry(why));
    return { check: fail, notices: fail };
  }
  const client = rpcClient(rpcUrl);
  const contract = { address: licenceRegistry, abi: licenceRegistryAbi } as const;
  const names = nameCache(client, contract);

  const licenceAt = async (licenceId: Hex, blockNumber: bigint): Promise<LicenceRecord> => {
    const l = await readContract(client, { ...contract, functionName: "getLicence", args: [licenceId], blockNumber });
    return {
      licenceId,
      workId: l.workId,
      parentId: orUndefined(l.parentId),
      licensee: l.licensee,
      grantor: l.grantor,
      start: Number(l.start),
      end: Number(l.end) === NO_END ? undefined : Number(l.end),
      grantedAt: Number(l.grantedAt),
      revokedAt: Number(l.revokedAt) === 0 ? undefined : Number(l.revokedAt),
      depth: Number(l.depth),
      sublicensable: l.sublicensable,
      worldwide: l.worldwide,
      platforms: await Promise.all(l.platformIds.map(async (id) => ({ id, name: await names.platform(id) }))),
      territories: l.territories.map(countryCode),
    };
  };

  return {
    async check(query) {
      const [chainId, blockNumber] = await Promise.all([getChainId(client), getBlockNumber(client, { cacheTime: 0 })]);
      const [[licensed, licenceId, reasonIndex], work, platformName] = await Promise.all([
        readContract(client, {
          ...contract,
          functionName: "isLicensed",
          args: [query.workId, query.licensee, query.platformId, countryBytes(query.country), BigInt(query.time)],
          blockNumber,
        }),
        readContract(client, { ...contract, functionName: "getWork", args: [query.workId], blockNumber }),
        names.platform(query.platformId),
      ]);
      const chain: LicenceRecord[] = [];
      for (let id = orUndefined(licenceId); id !== undefined && chain.length < MAX_CHAIN; ) {
        const licence = await licenceAt(id, blockNumber);
        chain.push(licence);
        id = licence.parentId;
      }
      return {
        licensed,
        licenceId: orUndefined(licenceId),
        reason: UNLICENSED_REASONS[reasonIndex] ?? "NoLicence",
        chain,
        work: Number(work.registeredAt) === 0 ? undefined : { owner: work.owner, registeredAt: Number(work.registeredAt) },
        platformName,
        chainId,
        blockNumber,
      };
    },

    async notices(filter) {
      const [chainId, blockNumber] = await Promise.all([getChainId(client), getBlockNumber(client, { cacheTime: 0 })]);
      const range = { fromBlock: network.licenceRegistryBlock, toBlock: blockNumber };
      // Work and platform are indexed: the node filters them; the rights holder is filtered here.
      const [filed, answered] = await Promise.all([
        getContractEvents(client, { ...contract, eventName: "NoticeFiled", args: { workId: filter.workId, platformId: filter.platformId }, ...range }),
        getContractEvents(client, { ...contract, eventName: "NoticeAnswered", args: { platformId: filter.platformId }, ...range }),
      ]);
      const explanations = new Map(answered.map((event) => [event.args.noticeId, event.args.explanation]));
      const holder = filter.rightsHolder?.toLowerCase();
      const wanted = filed.filter(
        (event) => holder === undefined || event.args.sender?.toLowerCase() === holder || event.args.filing?.principal.toLowerCase() === holder,
      );
      const notices = await Promise.all(
        wanted.map(async (event): Promise<NoticeRecord> => {
          const noticeId = event.args.noticeId!;
          const n = await readContract(client, { ...contract, functionName: "getNotice", args: [noticeId], blockNumber });
          const [senderName, principalName, platformName] = await Promise.all([names.rightsHolder(n.sender), names.rightsHolder(n.principal), names.platform(n.platformId)]);
          const status = NOTICE_STATUSES[n.status] ?? "Filed";
          return {
            noticeId,
            sender: n.sender,
            senderName,
            principal: n.principal,
            principalName,
            platformId: n.platformId,
            platformName,
            territory: countryCode(n.territory),
            workId: orUndefined(n.workId),
            brandId: orUndefined(n.brandId),
            batchId: orUndefined(n.batchId),
            locationHash: n.locationHash,
            evidenceHash: n.evidenceHash,
            filedAt: Number(n.filedAt),
            answeredAt: Number(n.answeredAt) === 0 ? undefined : Number(n.answeredAt),
            status,
            rejection: REJECTION_REASONS[n.rejection] ?? "None",
            counterNoticeHash: orUndefined(n.counterNoticeHash),
            explanation: status === "Rejected" ? explanations.get(noticeId) || undefined : undefined,
            blockNumber: event.blockNumber ?? 0n,
          };
        }),
      );
      notices.sort((a, b) => b.filedAt - a.filedAt || Number(b.blockNumber - a.blockNumber));
      return { notices, chainId, blockNumber };
    },
  };
}

/** Platform and rights-holder names, read once per page visit (a name never changes on chain). */
function nameCache(client: Client, contract: { address: Address; abi: typeof licenceRegistryAbi }) {
  const platforms = new Map<Hex, Promise<string | undefined>>();
  const holders = new Map<Address, Promise<string | undefined>>();
  const remember = <K,>(cache: Map<K, Promise<string | undefined>>, key: K, read: () => Promise<string | undefined>) => {
    let name = cache.get(key);
    if (name === undefined) {
      name = read().catch(() => undefined);
      cache.set(key, name);
    }
    return name;
  };
  return {
    platform: (platformId: Hex) =>
      remember(platforms, platformId, async () => {
        const p = await readContract(client, { ...contract, functionName: "getPlatform", args: [platformId] });
        return Number(p.admittedAt) === 0 ? undefined : p.name;
      }),
    rightsHolder: (account: Address) =>
      remember(holders, account.toLowerCase() as Address, async () => {
        const r = await readContract(client, { ...contract, functionName: "getRightsHolder", args: [account] });
        return Number(r.admittedAt) === 0 ? undefined : r.name;
      }),
  };
}
