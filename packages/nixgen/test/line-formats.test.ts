// Values NixOS writes into line formats are escaped, not refused: each generated line is read back
// with that format's own rules (a small reader per format, written from its man page) and gives the
// value back exactly.
import { call, select } from "@homelab/nix";
import { formats, type HomelabConfigInput } from "@homelab/schema";
import { exportPath, hostPath } from "../../schema/src/formats/fields.js";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { exportsLine, machineExpr, tmpfilesDirectory } from "../src/emit/machine-config.js";
import { homelab } from "./helpers/homelab-config.js";
import { nixEval } from "./helpers/nix-cli.js";

/**
 * The fields of a tmpfiles.d(5) line: "Fields may contain C-style escapes. With the exception of the
 * seventh field (the argument) all fields may be enclosed in quotes." Fields are separated by
 * whitespace; `%` in the path starts a specifier, `%%` is a literal `%`.
 */
function tmpfilesRead(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && " \t\n\r".includes(line[i] as string)) i++;
    if (i >= line.length) break;
    let word = "";
    let quote: string | undefined;
    for (; i < line.length; i++) {
      const char = line[i] as string;
      if (quote === undefined && " \t\n\r".includes(char)) break;
      if (char === "\\") {
        const [value, length] = cEscape(line, i + 1);
        word += value;
        i += length;
      } else if (quote === undefined && (char === '"' || char === "'")) quote = char;
      else if (char === quote) quote = undefined;
      else word += char;
    }
    fields.push(word);
  }
  return fields;
}

/** One C escape after a backslash at `at`: its character and how many characters it took. */
function cEscape(text: string, at: number): [string, number] {
  const hex = /^x([0-9a-fA-F]{2})/.exec(text.slice(at));
  if (hex) return [String.fromCharCode(parseInt(hex[1] as string, 16)), 3];
  const octal = /^[0-7]{3}/.exec(text.slice(at));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 3];
  const simple: Record<string, string> = { "\\": "\\", '"': '"', "'": "'", n: "\n", t: "\t", r: "\r", s: " " };
  const value = simple[text[at] as string];
  if (value === undefined) throw new Error(`unknown escape \\${text[at]} in ${JSON.stringify(text)}`);
  return [value, 1];
}

/** tmpfiles.d(5) specifiers in a path: only `%%` is expected here; any other would be expanded. */
function tmpfilesPath(field: string): string {
  return field.replace(/%(.)/g, (_, next: string) => {
    if (next !== "%") throw new Error(`specifier %${next} in ${JSON.stringify(field)}`);
    return "%";
  });
}

/**
 * One /etc/exports line (exports(5)): the path, then whitespace-separated `client(options)` entries.
 * "If an export name contains spaces it should be quoted using double quotes. You can also specify
 * spaces or other unusual character in the export name using a backslash followed by the character
 * code as three octal digits."
 */
function exportsRead(line: string): { path: string; clients: { client: string; options: string[] }[] } {
  const words = line.trim().split(/[ \t]+/);
  const [first, ...rest] = words;
  const path = (first ?? "").replace(/^"(.*)"$/, "$1").replace(/\\([0-7]{3})/g, (_, code: string) =>
    String.fromCharCode(parseInt(code, 8)),
  );
  return {
    path,
    clients: rest.map((word) => {
      const match = /^([^(]*)\(([^)]*)\)$/.exec(word);
      if (match === null) throw new Error(`not client(options): ${word}`);
      return { client: match[1] as string, options: (match[2] as string).split(",") };
    }),
  };
}

const HOSTILE = [" ", "\t", "%", "%h", "\\", '"', "'", "#", "\\x20", "\\040", "é", "😀", "a", "/", "-"];
const hostileText = fc.array(fc.constantFrom(...HOSTILE), { maxLength: 12 }).map((parts) => parts.join(""));

describe("tmpfiles.d lines", () => {
  test("a path with spaces, % and backslashes is one field that reads back exactly", () => {
    const line = tmpfilesDirectory("/mnt/my containers/100% \\x20", "0755", { user: "abl030", group: "users" });
    expect(line).toBe("d /mnt/my\\x20containers/100%%\\x20\\x5cx20 0755 abl030 users - -");
    const fields = tmpfilesRead(line);
    expect(fields).toHaveLength(7);
    expect(tmpfilesPath(fields[1] as string)).toBe("/mnt/my containers/100% \\x20");
  });

  test("any path the schema accepts reads back as the same path, with the line still seven fields", () => {
    fc.assert(
      fc.property(hostileText, (rest) => {
        const path = `/mnt/${rest}`;
        fc.pre(hostPath.safeParse(path).success);
        const fields = tmpfilesRead(tmpfilesDirectory(path, "0750", { user: "abl030", group: "users" }));
        expect(fields.length).toBe(7);
        expect(tmpfilesPath(fields[1] as string)).toBe(path);
        expect(fields.slice(2)).toEqual(["0750", "abl030", "users", "-", "-"]);
      }),
    );
  });

  test("the rule reaches systemd.tmpfiles.rules through the printed Nix unchanged", async () => {
    const config = homelab({
      machines: {
        doc2: {
          kind: "vm",
          hostname: "doc2",
          proxmox: {
            node: "prom",
            vmid: 114,
            cores: 2,
            memory: 2048,
            disk: "32G",
            storage: "local-lvm",
            virtiofs: [{ mapping: "containers", mountPoint: "/mnt/my docker", owner: { user: "abl030", group: "users" } }],
          },
        },
      },
    } satisfies HomelabConfigInput);
    const module = machineExpr(config, config.machines["doc2"]!);
    const rules = await nixEval(select(call(module, { config: {}, lib: {}, pkgs: {}, modulesPath: "/modules" }), ["systemd", "tmpfiles", "rules"]));
    expect(rules).toEqual(["d /mnt/my\\x20docker 0755 abl030 users - -"]);
    expect(tmpfilesPath(tmpfilesRead((rules as string[])[0] as string)[1] as string)).toBe("/mnt/my docker");
  });
});

describe("/etc/exports lines", () => {
  const line = (path: string, clients = "192.168.1.0/24", options = ["rw", "sync"]) =>
    exportsLine({ path, clients, options });

  test("a path with a space or a newline stays one export", () => {
    expect(line("/srv/my share")).toBe("/srv/my\\040share 192.168.1.0/24(rw,sync)");
    expect(line("/srv/a\n/etc *(rw,no_root_squash)")).toBe(
      "/srv/a\\012/etc\\040*(rw,no_root_squash) 192.168.1.0/24(rw,sync)",
    );
    expect(exportsRead(line("/srv/a\n/etc *(rw)"))).toEqual({
      path: "/srv/a\n/etc *(rw)",
      clients: [{ client: "192.168.1.0/24", options: ["rw", "sync"] }],
    });
  });

  test("any path reads back exactly, and the client and options stay what they were", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string()), (rest) => {
        const path = `/srv/${rest}`;
        fc.pre(exportPath.safeParse(path).success && formats.writableText.test(path));
        expect(exportsRead(line(path, "*.lan", ["ro", "no_subtree_check"]))).toEqual({
          path,
          clients: [{ client: "*.lan", options: ["ro", "no_subtree_check"] }],
        });
      }),
    );
  });
});
