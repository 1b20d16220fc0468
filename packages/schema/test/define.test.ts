// defineConfig exists for its types. `tsc -p tsconfig.test.json` checks this file, and fails if an
// expected error below does not happen; vitest runs the same lines as plain identity calls.
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  defineConfig,
  defineMachine,
  defineModule,
  type HomelabConfig,
  type HomelabConfigInput,
  type MachineInput,
  validateConfig,
} from "../src/index.js";
import { lxcFixture } from "./fixtures.js";

describe("defineConfig", () => {
  test("returns its argument, typed as the input side of the model", () => {
    const config = lxcFixture();
    expect(defineConfig(config)).toBe(config);
    expectTypeOf(defineConfig).parameter(0).toEqualTypeOf<HomelabConfigInput>();
    expectTypeOf(defineConfig).returns.toEqualTypeOf<HomelabConfigInput>();
  });

  test("fields with defaults are optional in the input and present in the output", () => {
    expectTypeOf<HomelabConfigInput["machines"]>().toEqualTypeOf<HomelabConfigInput["machines"] | undefined>();
    expectTypeOf<HomelabConfig["machines"]>().not.toEqualTypeOf<undefined>();
    const validation = validateConfig(defineConfig({}));
    expect(validation.ok && validation.config.machines).toEqual({});
  });

  test("a misspelt field or a wrong value type does not compile", () => {
    const configs = [
      defineConfig({
        machines: {
          // @ts-expect-error `hostnme` is not a field of a machine
          a: { kind: "metal", hostnme: "a" },
        },
      }),
      defineConfig({
        machines: {
          a: {
            kind: "lxc",
            hostname: "a",
            // @ts-expect-error vmid is a number
            proxmox: { node: "pve", vmid: "110", cores: 1, memory: 512, disk: "8G", storage: "local", template: "t" },
          },
        },
      }),
      // @ts-expect-error `kind` must be "lxc" | "vm" | "metal"
      defineConfig({ machines: { a: { kind: "lxd", hostname: "a" } } }),
      // @ts-expect-error `secrts` is not a top-level section
      defineConfig({ secrts: {} }),
    ];
    // At run time the same mistakes are caught by validation.
    expect(configs.map((config) => validateConfig(config).ok)).toEqual([false, false, false, false]);
  });

  test("defineMachine and defineModule type their parts", () => {
    const machine = defineMachine({ kind: "metal", hostname: "frame1" });
    expectTypeOf(machine).toEqualTypeOf<MachineInput>();
    // @ts-expect-error an option needs a description
    defineModule({ description: "x", options: { port: { type: "port", default: 80 } } });
    // @ts-expect-error `prot` is not a lib.types type
    defineModule({ description: "x", options: { port: { type: "prot", description: "Port." } } });
  });
});
