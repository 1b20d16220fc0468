// `gen` killed with SIGKILL while it writes (no clean-up can run) leaves at most temporary files in the
// output directory's root; the next run removes them, and no torn or stray file remains anywhere.
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { expect, test } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript without types.
import { synthHomelab } from "../../../bench/synth.mjs";
// @ts-expect-error: plain JavaScript too.
import { provideUserFiles } from "../../../bench/user-files.mjs";
import { cliPath, nixgen, snapshot, tempDir } from "./helpers/cli-run.js";

const temporary = /^\.nixgen-\d+-[0-9a-f]{12}\.tmp$/;
const rounds = 3;
// A kill can land between two writes (no temporary file left): under load all three may, so the test
// goes on, up to this many rounds, until one has landed mid-write.
const maxRounds = 12;

test("SIGKILL mid-write, several times: the next run leaves no stray file and check passes", async () => {
  const dir = await tempDir();
  const out = join(dir, "out");
  // Two homelabs of one size (different seeds) so that every run rewrites most files.
  const configs = [synthHomelab(100, 1), synthHomelab(100, 2)];
  let strays = 0;
  for (let round = 0; round < rounds || (strays === 0 && round < maxRounds); round++) {
    await writeFile(join(dir, "homelab.config.json"), JSON.stringify(configs[round % 2]));
    provideUserFiles(join(dir, "homelab.config.json"), out);
    const run = execa(process.execPath, [cliPath, "gen", "--config", "homelab.config.json", "--out", "out"], { cwd: dir, reject: false });
    // Kill as soon as a temporary file exists: the run is then between open and rename of some file.
    while (run.exitCode === null && !(await rootNames(out)).some((name) => temporary.test(name))) await new Promise((r) => setTimeout(r, 5));
    run.kill("SIGKILL");
    await run;
    strays += (await rootNames(out)).filter((name) => temporary.test(name)).length;
  }
  // Otherwise no kill landed mid-write and the test proved nothing.
  expect(strays).toBeGreaterThan(0);

  const check = await nixgen(["check", "--config", "homelab.config.json", "--out", "out"], dir);
  expect(check.code).toBe(1);
  expect(check.stdout).toMatch(/^stray   out\/\.nixgen-\d+-[0-9a-f]{12}\.tmp$/m);

  expect((await nixgen(["gen", "--config", "homelab.config.json", "--out", "out"], dir)).code).toBe(0);
  const left = [...(await snapshot(out)).keys()].filter((path) => path.endsWith(".tmp"));
  expect(left).toEqual([]);
  expect((await nixgen(["check", "--config", "homelab.config.json", "--out", "out"], dir)).code).toBe(0);
});

async function rootNames(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
