// proxmox/lxc/<vmid>.conf and proxmox/lxc/<vmid>-create.sh for each LXC container (pct(1) `pct create`, /etc/pve/lxc/<vmid>.conf):
// the container config Proxmox keeps, and the `pct` commands that make it.
import type { HomelabConfig, LxcMachine } from "@homelab/schema";
import { render, renderBlock, type Rendered } from "../text/render.js";
import { headerLines } from "./header.js";
import { lxcSettings, type LxcSettings } from "./lxc-settings.js";
import { rememberedPer } from "./remembered.js";
import type { EmitContext, EmittedFile, Emitter } from "./types.js";

export const emitProxmoxLxc: Emitter = (ctx) =>
  lxcMachines(ctx.config).flatMap(([name]) => {
    const settings = lxcSettings(ctx.config, name);
    return [lxcConf(ctx, settings), createScript(ctx, settings)];
  });

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

export function lxcConfPath(settings: LxcSettings): string {
  return `proxmox/lxc/${settings.vmid}.conf`;
}

export function lxcScriptPath(settings: LxcSettings): string {
  return `proxmox/lxc/${settings.vmid}-create.sh`;
}

function lxcConf(ctx: EmitContext, settings: LxcSettings): EmittedFile {
  return { path: lxcConfPath(settings), kind: "proxmox-conf", render: () => render("lxc.conf", { ...settings, header: headerLines(ctx) }) };
}

function createScript(ctx: EmitContext, settings: LxcSettings): EmittedFile {
  return {
    path: lxcScriptPath(settings),
    kind: "shell",
    render: () =>
      render("lxc-create.sh", {
        header: headerLines(ctx),
        // Written when the file renders, not held from the plan on (a container each).
        about: `Creates LXC container ${settings.vmid} (${settings.name}) on ${settings.nodeLabel}, as ${lxcConfPath(settings)} describes.`,
        commands: lxcCommands(settings),
      }),
  };
}
