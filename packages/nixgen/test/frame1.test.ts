// The frame1 example end to end: it validates, its output matches the golden files, every
// Nix file parses, and each secret is encrypted to exactly the admin and the machines that decrypt it.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { call, id, path } from "@homelab/nix";
import { describe, expect, test } from "vitest";
import frame1 from "../../../examples/frame1/homelab.config.js";
import { plan } from "../src/plan.js";
import { nixEval, nixParse, writeTree } from "./helpers/nix-cli.js";

const { files, warnings } = plan(frame1, { source: "examples/frame1/homelab.config.ts" });
const nixFiles = files.filter((file) => file.path.endsWith(".nix"));

const ADMIN = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH4JgsDZfcGNhNFq+4bDi3knB1ol+vn81fFyn4ut+lz2 admin@laptop";
const FRAME1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHlrTWhEOZvxVLfeosyFR0lwrVwhYxjyf9Ouj/lDAbSE";
const FRAME1_VM = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILdv4wl9qsZ6x1U6S5xFW6iK9VZ5z9i4aR70wXG8IUTc";

describe("frame1 example", () => {
  test("validates without warnings", () => {
    expect(warnings).toEqual([]);
  });

  test("generates the modules, machines, rules file and flake outputs", () => {
    expect(nixFiles.map((file) => file.path)).toEqual(
      expect.arrayContaining([
        "flake-outputs.nix",
        "machines/frame1-vm/default.nix",
        "machines/frame1/default.nix",
        "modules/services/alloy.nix",
        "modules/services/caddy.nix",
        "modules/services/grafana.nix",
        "modules/services/homepage.nix",
        "modules/services/loki.nix",
        "modules/services/victoriametrics.nix",
        "secrets/secrets.nix",
      ]),
    );
  });

  // The golden output `pnpm gen` writes: a change to any generated file shows up as a diff to review.
  test.each(files.map((file) => [file.path, file] as const))("%s matches generated/frame1", async (_, file) => {
    await expect(file.content).toMatchFileSnapshot(`../../../generated/frame1/${file.path}`);
  });

  test.each(nixFiles.map((file) => [file.path, file] as const))("%s parses", async (_, file) => {
    const root = await writeTree([file]);
    await expect(nixParse(`${root}/${file.path}`)).resolves.toBeUndefined();
  });

  test("secrets.nix gives each secret exactly its recipients", async () => {
    const root = await writeTree(nixFiles.filter((file) => file.path === "secrets/secrets.nix"));
    expect(await nixEval(call(id("import"), path(`${root}/secrets/secrets.nix`)))).toEqual({
      // The VM uses Caddy's local CA: the Cloudflare token is not encrypted to it.
      "cloudflare-api-token.age": { publicKeys: [ADMIN, FRAME1] },
      "grafana-admin-password.age": { publicKeys: [ADMIN, FRAME1, FRAME1_VM] },
      "grafana-secret-key.age": { publicKeys: [ADMIN, FRAME1, FRAME1_VM] },
    });
  });

  // age's header holds one `-> ssh-ed25519 <tag> …` stanza per recipient, the tag being the first 4
  // bytes of the SHA-256 of the recipient's SSH public key (age's agessh package), base64 without padding.
  test("each shipped .age file is encrypted to exactly the recipients secrets.nix gives it", async () => {
    const tag = (key: string) =>
      createHash("sha256").update(Buffer.from(key.split(" ")[1]!, "base64")).digest().subarray(0, 4).toString("base64").replace(/=+$/, "");
    const recipients: Record<string, string[]> = {
      "cloudflare-api-token.age": [ADMIN, FRAME1],
      "grafana-admin-password.age": [ADMIN, FRAME1, FRAME1_VM],
      "grafana-secret-key.age": [ADMIN, FRAME1, FRAME1_VM],
    };
    for (const [file, keys] of Object.entries(recipients)) {
      const header = (await readFile(new URL(`../../../generated/frame1/secrets/${file}`, import.meta.url))).toString("latin1").split("\n---")[0]!;
      expect(header.startsWith("age-encryption.org/v1\n"), file).toBe(true);
      const stanzas = [...header.matchAll(/^-> ssh-ed25519 (\S+) /gm)].map((match) => match[1]).sort();
      expect(stanzas, file).toEqual(keys.map(tag).sort());
    }
  });

  // What NixOS evaluates the machine to (the committed `.eval/` snapshot, which `pnpm gen --check` keeps current).
  const evaluated = JSON.parse(
    readFileSync(new URL("../../../generated/frame1/.eval/nixosConfigurations.frame1.json", import.meta.url), "utf8"),
  ) as { config: { services: Record<string, Record<string, unknown>> } };

  test("Grafana's secret_key is read from the decrypted agenix secret, never written into the store", () => {
    const grafana = evaluated.config.services["grafana"] as { settings: { security: Record<string, unknown> } };
    expect(grafana.settings.security["secret_key"]).toBe("$__file{/run/agenix/grafana-secret-key}");
  });

  test("VictoriaMetrics takes its scrape jobs as prometheusConfig, not as a flag in extraOptions", () => {
    const victoriametrics = evaluated.config.services["victoriametrics"]!;
    expect(victoriametrics["extraOptions"]).toBeUndefined();
    const jobs = (victoriametrics["prometheusConfig"] as { scrape_configs: { job_name: string }[] }).scrape_configs;
    expect(jobs.map((job) => job.job_name)).toEqual(["victoriametrics", "node", "caddy", "alloy"]);
  });
});
