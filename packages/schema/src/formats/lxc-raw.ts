// Raw `lxc.*` lines of a container config. Proxmox keeps only keys it knows and drops the rest with a
// warning (pve-container src/PVE/LXC/Config.pm: `$valid_lxc_conf_keys`, `$deprecated_lxc_conf_keys`
// and `is_valid_lxc_conf_key`, which also lets through every lxc.cgroup.*, lxc.cgroup2.*,
// lxc.prlimit.*, lxc.net.* and lxc.limit.* key). Keys Proxmox refuses outright (lxc.rootfs.path,
// lxc.rootfs.options) are left out, and so are the deprecated ones (lxc.aa_profile, lxc.id_map, …),
// which LXC 3.0 removed: Proxmox only warns, and the container would not start.
import { valueFormat } from "./format.js";

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "lxc.apparmor.profile",
  "lxc.apparmor.allow_incomplete",
  "lxc.apparmor.allow_nesting",
  "lxc.apparmor.raw",
  "lxc.selinux.context",
  "lxc.include",
  "lxc.arch",
  "lxc.uts.name",
  "lxc.signal.halt",
  "lxc.signal.reboot",
  "lxc.signal.stop",
  "lxc.init.cmd",
  "lxc.init.cwd",
  "lxc.pty.max",
  "lxc.console.logfile",
  "lxc.console.path",
  "lxc.tty.max",
  "lxc.devtty.dir",
  "lxc.hook.autodev",
  "lxc.autodev",
  "lxc.kmsg",
  "lxc.mount.fstab",
  "lxc.mount.entry",
  "lxc.mount.auto",
  "lxc.rootfs.mount",
  "lxc.cap.drop",
  "lxc.cap.keep",
  "lxc.seccomp.profile",
  "lxc.seccomp.notify.proxy",
  "lxc.seccomp.notify.cookie",
  "lxc.idmap",
  "lxc.hook.pre-start",
  "lxc.hook.pre-mount",
  "lxc.hook.mount",
  "lxc.hook.start",
  "lxc.hook.stop",
  "lxc.hook.post-stop",
  "lxc.hook.clone",
  "lxc.hook.destroy",
  "lxc.hook.version",
  "lxc.log.level",
  "lxc.log.file",
  "lxc.start.auto",
  "lxc.start.delay",
  "lxc.start.order",
  "lxc.group",
  "lxc.environment",
  "lxc.environment.runtime",
  "lxc.environment.hooks",
  "lxc.sysctl.fs.mqueue",
  "lxc.sysctl.kernel.msgmax",
  "lxc.sysctl.kernel.msgmnb",
  "lxc.sysctl.kernel.msgmni",
  "lxc.sysctl.kernel.sem",
  "lxc.sysctl.kernel.shmall",
  "lxc.sysctl.kernel.shmmax",
  "lxc.sysctl.kernel.shmmni",
  "lxc.sysctl.kernel.shm_rmid_forced",
]);

const KEY_FAMILIES = /^lxc\.(cgroup2?|prlimit|net|limit)\./;

/** `lxc.apparmor.profile: unconfined` → its key, or undefined when the line is not `key: value`. */
export function lxcRawKey(line: string): string | undefined {
  return /^(lxc\.[a-z0-9_.-]+):(?: |$)/.exec(line)?.[1];
}

export function isKnownLxcKey(key: string): boolean {
  return KNOWN_KEYS.has(key) || KEY_FAMILIES.test(key);
}

/** One line of the config, as pve-container's parser reads it back: no line break, no trailing space. */
export const lxcRawLine = valueFormat(
  "lxc-raw-line",
  'must be one "lxc.<key>: <value>" line, such as "lxc.apparmor.profile: unconfined", without a line break or trailing space',
  (value) => lxcRawKey(value) !== undefined && !/[\x00-\x1f\x7f]/.test(value) && value.trimEnd() === value,
);

export const knownLxcKey = valueFormat(
  "lxc-raw-key",
  "must use an lxc.* key Proxmox knows (pve-container's list: lxc.apparmor.profile, lxc.idmap, lxc.mount.entry, " +
    "lxc.hook.pre-start, lxc.cgroup2.*, …); Proxmox drops any other key",
  (value) => {
    const key = lxcRawKey(value);
    return key !== undefined && isKnownLxcKey(key);
  },
);
