import { test } from "vitest";
import { toNix, print, fromJS } from "@homelab/nix";
test("bench", () => {
  const hosts: Record<string, unknown> = {};
  for (let i = 0; i < 3000; i++) {
    hosts[`host-${i}`] = { ip: `10.0.${i % 256}.${i % 200}`, enable: i % 2 === 0, port: 8000 + i, tags: ["web", "db", `t${i}`], nested: { description: "some text with \"quotes\" and ${stuff}", weight: i / 7, list: [1, 2, 3] } };
  }
  const data = { hosts };
  const ast = fromJS(data);
  const time = (name: string, f: () => unknown) => { for (let i = 0; i < 3; i++) f(); const t = performance.now(); const n = 10; for (let i = 0; i < n; i++) f(); const ms = (performance.now() - t) / n; console.log(name, ms.toFixed(2), "ms"); return ms; };
  const j = time("JSON.stringify", () => JSON.stringify(data));
  const j2 = time("JSON.stringify indent", () => JSON.stringify(data, null, 2));
  const p = time("print(ast)", () => print(ast));
  const t = time("toNix", () => toNix(data));
  const f = time("fromJS", () => fromJS(data));
  console.log("ratios", (p / j).toFixed(2), (t / j).toFixed(2), (p / j2).toFixed(2), (t/j2).toFixed(2), "size", toNix(data).length, JSON.stringify(data).length);
});
