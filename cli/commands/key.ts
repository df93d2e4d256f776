/**
 * `veritrace key list|rotate|revoke`: your organisation's API keys, or with --org (registrar) another
 * organisation's. A rotation prints the new key once; set VERITRACE_API_KEY to it before the old one ends.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { ApiKeyView, RotatedKey } from "../../api/keys.ts";
import type { SessionOf } from "../session.ts";

type OrgOption = { org?: string };

/** The keys route of the caller's own organisation, or (registrar) of `--org`. */
const keysPath = ({ org }: OrgOption) => (org === undefined ? "/api/v1/keys" : `/api/v1/organisations/${encodeURIComponent(org)}/keys`);

const state = (key: ApiKeyView) => {
  if (key.revokedAt === null) return "active";
  return key.active ? `active until ${key.revokedAt} (rotated)` : `revoked ${key.revokedAt}`;
};

export const formatKey = (key: ApiKeyView) =>
  `${key.id}  ${key.label ?? "(no label)"}  created ${key.createdAt}  last used ${key.lastUsedAt ?? "never"}  ${state(key)}`;

function parseGrace(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 7 * 24 * 3600) throw new InvalidArgumentError("must be whole seconds, at most 604800 (a week)");
  return Number(value);
}

export function registerKeyCommands(program: Command, sessionOf: SessionOf): void {
  const key = program.command("key").description("list, rotate and revoke API keys (yours, or with --org any organisation's as the registrar)");
  const orgOption = ["--org <id>", "another organisation's id (registrar only)"] as const;

  key
    .command("list")
    .description("the keys: id, label, created, last used (to the minute), active or revoked; never a secret")
    .option(...orgOption)
    .action(async (options: OrgOption, command: Command) => {
      const { client, out } = sessionOf(command);
      const list = await client.json<{ keys: ApiKeyView[] }>("GET", keysPath(options));
      out.result(list, () => (list.keys.length === 0 ? "No keys." : list.keys.map(formatKey).join("\n")));
    });

  key
    .command("rotate")
    .description("replace a key: prints the new one once; the old one is refused at once, or after --grace seconds")
    .argument("<id>", "the key's id, as `key list` prints it")
    .option("--grace <seconds>", "keep the old key valid this long so running clients can switch (default 0, at most a week)", parseGrace)
    .option("--label <label>", "a name for the new key (default: the old key's)")
    .option(...orgOption)
    .action(async (id: string, options: OrgOption & { grace?: number; label?: string }, command: Command) => {
      const { client, out } = sessionOf(command);
      const body = { ...(options.grace === undefined ? {} : { graceSeconds: options.grace }), ...(options.label === undefined ? {} : { label: options.label }) };
      const rotated = await client.json<RotatedKey>("POST", `${keysPath(options)}/${encodeURIComponent(id)}/rotate`, { body });
      out.result(rotated, () =>
        [`New key ${formatKey(rotated.key)}`, `API key (shown once): ${rotated.apiKey}`, `Old key ${formatKey(rotated.replaced)}`].join("\n"),
      );
    });

  key
    .command("revoke")
    .description("refuse a key from now on (401 API_KEY_REVOKED); an organisation's last active key must be rotated instead")
    .argument("<id>", "the key's id, as `key list` prints it")
    .option(...orgOption)
    .action(async (id: string, options: OrgOption, command: Command) => {
      const { client, out } = sessionOf(command);
      const revoked = await client.json<{ key: ApiKeyView }>("DELETE", `${keysPath(options)}/${encodeURIComponent(id)}`);
      out.result(revoked, () => `Key ${formatKey(revoked.key)}`);
    });
}
