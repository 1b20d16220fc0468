// proxmox/lxc/<vmid>.conf and proxmox/lxc/<vmid>-create.sh for each LXC container (pct(1) `pct create`, /etc/pve/lxc/<vmid>.conf):
// the container config Proxmox keeps, and the `pct` commands that make it.
import type { HomelabConfig, LxcMachine } from "@homelab/schema";
import { render, renderBlock, type Rendered } from "../text/render.js";
import { headerLines } from "./header.js";
import { lxcSettings, type LxcSettings } from "./lxc-settings.js";
import { rememberedPer } from "./remembered.js";
import type { EmitContext, EmittedFile, Emitter } from "./types.js";

// A container's settings are worked out when its first file renders (MIGRATION.md's, which sorts
// first, or its own), not when the run is planned: the files before it do not hold them.
export const emitProxmoxLxc: Emitter = (ctx) =>
  lxcMachines(ctx.config).flatMap(([name, machine]) => [lxcConf(ctx, name, machine.proxmox.vmid), createScript(ctx, name, machine.proxmox.vmid)]);

export function lxcMachines(config: HomelabConfig): [string, LxcMachine][] {
  return Object.entries(config.machines).flatMap(([name, machine]) =>
    machine.kind === "lxc" ? [[name, machine]] : [],
  );
}

/**
 * `pct create`, a `pct set` per mount point and the appended lines (imported `extra` keys, then raw
 * lxc.* lines): shared by the script and the runbook, so rendered once per container's settings.
 */
export const lxcCommands: (settings: LxcSettings) => Rendered = rememberedPer((settings: LxcSettings) =>
  renderBlock("lxc-commands.sh", {
    ...settings,
    appended: [...settings.extra, ...settings.raw],
    confPath: `/etc/pve/lxc/${settings.vmid}.conf`,
  }),
);

export function lxcConfPath(vmid: number): string {
  return `proxmox/lxc/${vmid}.conf`;
}

export function lxcScriptPath(vmid: number): string {
  return `proxmox/lxc/${vmid}-create.sh`;
}

function lxcConf(ctx: EmitContext, name: string, vmid: number): EmittedFile {
  return {
    path: lxcConfPath(vmid),
    kind: "proxmox-conf",
    render: () => render("lxc.conf", { ...lxcSettings(ctx.config, name), header: headerLines(ctx) }),
  };
}

function createScript(ctx: EmitContext, name: string, vmid: number): EmittedFile {
  return {
    path: lxcScriptPath(vmid),
    kind: "shell",
    render: () => {
      const settings = lxcSettings(ctx.config, name);
      return render("lxc-create.sh", {
        header: headerLines(ctx),
        // Written when the file renders, not held from the plan on (a container each).
        about: `Creates LXC container ${vmid} (${name}) on ${settings.nodeLabel}, as ${lxcConfPath(vmid)} describes.`,
        commands: lxcCommands(settings),
      });
    },
  };
}
