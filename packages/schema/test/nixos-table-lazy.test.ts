// The NixOS option table is 1.1 MB: validating a config that sets no raw NixOS setting must not read it.
import { readFileSync } from "node:fs";
import { expect, test, vi } from "vitest";
import { validateConfig } from "../src/index.js";
import { frameFixture, lxcFixture } from "./fixtures.js";
import { edit } from "./report.js";

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

const tableReads = () => vi.mocked(readFileSync).mock.calls.filter(([file]) => String(file).endsWith("nixos-options.tsv")).length;

test("the table is read on the first raw NixOS setting, and once", () => {
  expect(validateConfig(lxcFixture()).ok).toBe(true);
  expect(tableReads()).toBe(0);
  const withSettings = edit(frameFixture(), (c) => {
    c.machines.frame1.nixos = { "services.smartd.enable": true };
  });
  expect(validateConfig(withSettings).ok).toBe(true);
  expect(validateConfig(withSettings).ok).toBe(true);
  expect(tableReads()).toBe(1);
});
