// The I/O floor `gen` is measured against: a plain Node script that does what a `gen` run cannot avoid
// and nothing else. It parses the same JSON config, then writes the files `gen` wrote (`write`) or reads
// them and compares them with those bytes (`compare`, the "nothing changed" run). The bytes come from
// a pack of an earlier `gen` output (`packOutput`, made before any clock starts), so the floor does no
// generation work. `node io-floor.mjs write|compare CONFIG PACK OUT`; `compare` exits 1 on a difference,
// which proves the floor really read the same files.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Packs every file under `out` except `skip` (the user's own files, which the floor's output directory
 * already holds as gen's did): a JSON header `[[path, bytes], …]` after its 4-byte length, then the bytes.
 */
export function packOutput(out, pack, skip) {
  const paths = listFiles(out).filter((path) => !skip.has(path));
  const contents = paths.map((path) => readFileSync(join(out, path)));
  const header = Buffer.from(JSON.stringify(paths.map((path, i) => [path, contents[i].length])));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  writeFileSync(pack, Buffer.concat([length, header, ...contents]));
  return paths.length;
}

function listFiles(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

function unpack(pack) {
  const buffer = readFileSync(pack);
  const headerEnd = 4 + buffer.readUInt32BE(0);
  let offset = headerEnd;
  return JSON.parse(buffer.subarray(4, headerEnd).toString("utf8")).map(([path, size]) => {
    const bytes = buffer.subarray(offset, offset + size);
    offset += size;
    return [path, bytes];
  });
}

function main([mode, config, pack, out]) {
  JSON.parse(readFileSync(config, "utf8"));
  const files = unpack(pack);
  if (mode === "write") {
    const made = new Set();
    for (const [path, bytes] of files) {
      const dir = dirname(join(out, path));
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      writeFileSync(join(out, path), bytes);
    }
  } else if (mode === "compare") {
    const differ = files.filter(([path, bytes]) => !readFileSync(join(out, path)).equals(bytes));
    if (differ.length > 0) {
      process.stderr.write(`io-floor: ${differ.length} files differ, the first ${differ[0][0]}\n`);
      process.exitCode = 1;
    }
  } else {
    throw new Error(`usage: io-floor.mjs write|compare CONFIG PACK OUT (got ${mode})`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
