// Proxmox disk sizes (`32G`, `512M`, `1T`): what they come to, and the whole-GiB number
// `pct create --rootfs <storage>:<GiB>` takes for an LXC root disk.

const GiB = 1024 ** 3;
const unitBytes = { "": 1, K: 1024, M: 1024 ** 2, G: GiB, T: 1024 ** 4 } as const;

/** A disk passed through to a VM: no size, no disk to create. */
export const PASSTHROUGH = "passthrough";

/** Bytes of a size the schema accepted (not `passthrough`); a number without a unit is bytes, as Proxmox reads it. */
export function diskSizeBytes(size: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)$/.exec(size);
  if (match === null) throw new Error(`not a disk size: ${size}`);
  return Number(match[1]) * unitBytes[match[2] as keyof typeof unitBytes];
}

/** The size in whole GiB (`32G` → 32, `1T` → 1024), or undefined when it is not a whole number of GiB. */
export function wholeGiB(size: string): number | undefined {
  const gib = diskSizeBytes(size) / GiB;
  return Number.isInteger(gib) && gib > 0 ? gib : undefined;
}
