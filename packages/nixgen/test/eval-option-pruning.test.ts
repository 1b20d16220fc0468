// Which rows of the NixOS option list an evaluation declares: those whose every name segment is a
// word of the evaluated files, so that no definition or read those files can spell is left out.
import { describe, expect, test } from "vitest";
import { declaredRows } from "../src/eval/option-pruning.js";

const rows = [
  ["services.grafana.enable", "boolean"],
  ["services.grafana.settings", "open submodule of (attribute set)"],
  ["services.loki.enable", "boolean"],
  ["users.users.<name>.isNormalUser", "boolean"],
  ["systemd.services.<name>.serviceConfig", "attribute set of anything"],
  ["networking.firewall.allowedTCPPorts", "list of 16 bit unsigned integer; between 0 and 65535 (both inclusive)"],
  ["services.xserver.xkb.options", "string"],
  ["fileSystems.<name>.options", "non-empty (list of non-empty string)"],
  ["boot.loader.grub.memtest86.enable", "boolean"],
] as const;

describe("declaredRows", () => {
  test.each([
    ["a file setting grafana", "services.grafana = { enable = true; settings.server.http_port = 3000; };", ["services.grafana.enable", "services.grafana.settings"]],
    // `<name>` matches any key: a user's name need not be a word of the option list.
    ["a user", "users.users.admin.isNormalUser = true;", ["users.users.<name>.isNormalUser"]],
    // A segment that is a word of any file counts, wherever it appears.
    ["words spread over a file", "services.loki = { }; # enable it elsewhere: enable", ["services.loki.enable"]],
    ["nothing", "", []],
  ])("%s", (_, source, want) => {
    const words = new Set(source.match(/[A-Za-z_][A-Za-z0-9_'-]*/g) ?? []);
    expect(declaredRows(rows, words).map(([name]) => name)).toEqual(want);
  });

  test("a segment no identifier can spell is kept", () => {
    expect(declaredRows([["services.x.a+b", "string"]] as const, new Set(["services", "x"]))).toHaveLength(1);
  });
});
