// Printer against the floor and the peer, in one process so that all three see the same machine:
// `node --expose-gc printer.mjs MACHINES ROUNDS` prints JSON with every run's milliseconds. Each round
// times JSON.stringify, our toNix (plain data straight to text, see `data()` in @homelab/nix), print
// of the same data as prebuilt nodes (what `fromJS` makes) and nijs's jsToNix on the same synthetic
// homelab, in an order that rotates from round to round. The targets are at 10,000 machines.
import { createRequire } from "node:module";
import { fromJS, print, toNix } from "@homelab/nix";
import { synthHomelab } from "./synth.mjs";

const require = createRequire(import.meta.url);
// nijs is CommonJS; its jsToNix(value, format) with format=true indents like the others.
const nijs = require("nijs");

const [machines = "10000", rounds = "11"] = process.argv.slice(2);
const data = synthHomelab(Number(machines));
const ast = fromJS(data);

const contenders = {
  json: () => JSON.stringify(data),
  jsonIndented: () => JSON.stringify(data, null, 2),
  toNix: () => toNix(data),
  print: () => print(ast),
  nijs: () => nijs.jsToNix(data, true),
};
const names = Object.keys(contenders);

const gc = globalThis.gc ?? (() => {});
const bytes = {};
for (const name of names) {
  // Warm-up: let V8 optimise each before anything is timed.
  for (let i = 0; i < 3; i++) bytes[name] = Buffer.byteLength(contenders[name]());
}

// The two ways of printing the same data must agree to the byte, or the timing compares different work.
if (contenders.toNix() !== contenders.print()) throw new Error("toNix and print(fromJS(data)) printed different text");

const runs = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < Number(rounds); round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length];
    gc();
    const started = performance.now();
    contenders[name]();
    runs[name].push(performance.now() - started);
  }
}
process.stdout.write(`${JSON.stringify({ machines: Number(machines), bytes, runs })}\n`);
