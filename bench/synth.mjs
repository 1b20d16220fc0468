// Synthetic homelabs of any size, the same for the same size and seed: a seeded PRNG picks every
// choice, and names and numbers come from the machine's index. The mix follows the seeds and
// /work/shared/reference: mostly LXC containers, a third VMs (half with virtiofs shares), a few bare
// metal machines; each LXC container has its own profile extending LXC-base (its hostname is in it),
// every machine runs one to four service modules with overrides, and a quarter decrypt secrets.

/** mulberry32: small, fast, and enough for choosing among a handful of options. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const guestsPerNode = 25;
const timeZones = ["Europe/Berlin", "Europe/Prague", "Europe/Madrid", "Australia/Perth", "America/New_York"];
const extraPackages = ["htop", "git", "vim", "tmux", "jq", "curl", "rsync", "restic", "btop", "ripgrep", "fd"];
const userGroups = ["networkmanager", "wheel", "docker", "video", "render", "podman"];

/** A fake but well-formed ed25519 public key (its 32 key bytes spell the number), derived from a number. */
function publicKey(n, comment) {
  const key = Buffer.from(`synthetic-host-key-${String(n).padStart(13, "0")}`);
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from("ssh-ed25519"), Buffer.from([0, 0, 0, 32]), key]);
  return `ssh-ed25519 ${blob.toString("base64")} ${comment}`;
}

/** Six service modules shaped like the reference ones: typed options, NixOS config, firewall ports, routes. */
export function serviceModules() {
  const web = (description, port, config) => ({
    description,
    options: {
      port: { type: "port", default: port, description: `Port ${description} listens on (behind Caddy).` },
      domain: { type: "str", default: "localhost", example: "app.home.example.net", description: "Domain Caddy serves it on." },
      openFirewall: { type: "bool", default: false, description: "Open the port in the firewall too." },
    },
    config,
    route: { domain: "domain", port: "port" },
  });
  return {
    caddy: {
      description: "Caddy reverse proxy",
      options: {
        httpPort: { type: "port", default: 80, description: "HTTP port." },
        httpsPort: { type: "port", default: 443, description: "HTTPS port." },
        acmeEmail: { type: { nullOr: "str" }, default: null, description: "ACME account e-mail." },
        cloudflareDns: {
          options: {
            enable: { type: "bool", default: false, description: "Use the Cloudflare DNS challenge." },
            apiTokenFile: { type: { nullOr: "str" }, default: null, description: "File with CLOUDFLARE_API_TOKEN=….", secretFile: true },
          },
        },
        virtualHosts: { type: { attrsOf: "str" }, default: {}, description: "Domain → Caddyfile body." },
      },
      config: { "services.caddy.enable": true, "services.caddy.globalConfig": "servers {\n  metrics\n}\n" },
      firewall: { tcp: ["httpPort", "httpsPort"] },
    },
    grafana: {
      ...web("Grafana dashboards", 3001, {
        "services.grafana": {
          enable: true,
          settings: {
            server: { http_addr: "127.0.0.1", http_port: 3001 },
            analytics: { reporting_enabled: false, check_for_updates: false },
          },
        },
      }),
      options: {
        ...web("", 3001, {}).options,
        adminPasswordFile: {
          type: { nullOr: "str" },
          default: null,
          example: "/run/agenix/grafana-admin-password",
          description: "File holding the admin password.",
          secretFile: true,
        },
      },
    },
    homepage: web("Homepage dashboard", 3000, {
      "services.homepage-dashboard": { enable: true, listenPort: 3000, settings: { title: "Homelab" } },
    }),
    victoriametrics: {
      ...web("VictoriaMetrics", 8428, {
        "services.victoriametrics": { enable: true, listenAddress: "127.0.0.1:8428", retentionPeriod: "15d" },
        "services.prometheus.exporters.node": { enable: true, port: 9100, enabledCollectors: ["systemd", "processes"] },
      }),
    },
    loki: web("Loki logs", 3100, {
      "services.loki": {
        enable: true,
        configuration: {
          auth_enabled: false,
          server: { http_listen_port: 3100 },
          common: { path_prefix: "/var/lib/loki", replication_factor: 1, ring: { kvstore: { store: "inmemory" } } },
        },
      },
    }),
    alloy: {
      description: "Grafana Alloy log shipper",
      options: {
        port: { type: "port", default: 12345, description: "Alloy's HTTP port." },
        logs: { options: { enable: { type: "bool", default: true, description: "Ship the journal to Loki." } } },
      },
      config: { "services.alloy.enable": true, "services.alloy.extraFlags": ["--disable-reporting"] },
    },
  };
}

const moduleNames = ["caddy", "grafana", "homepage", "victoriametrics", "loki", "alloy"];

/** The config of a homelab with `count` machines (JSON data, as a `homelab.config.json` holds it). */
export function synthHomelab(count, seed = 42) {
  const random = prng(seed + count);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const nodeCount = Math.max(2, Math.ceil(count / guestsPerNode));
  const node = (i) => `pve${String(i % nodeCount).padStart(3, "0")}`;
  const nodes = Object.fromEntries(
    Array.from({ length: nodeCount }, (_, i) => [node(i), { address: `root@10.0.${i >> 8}.${(i & 255) + 1}`, maintenance: i === nodeCount - 1 }]),
  );
  // One mapping per group of nodes, each with a path on every node of its group.
  const mappings = {};
  const datasets = [];
  for (let i = 0; i < nodeCount; i++) {
    const id = `data${String(Math.floor(i / 4)).padStart(3, "0")}`;
    mappings[id] ??= { description: `Shared data of nodes ${node(i)}…`, paths: {} };
    mappings[id].paths[node(i)] = `/tank/${id}`;
    datasets.push({ name: `tank/${id}-${node(i)}`, node: node(i), mountpoint: `/tank/${id}`, owner: { uid: 1000, gid: 100 } });
  }
  const mappingOf = (n) => `data${String(Math.floor(n / 4)).padStart(3, "0")}`;

  const profiles = {
    "LXC-base": {
      description: "LXC-base Profile Configuration\nShared base settings of every LXC profile",
      systemSettings: {
        hostname: "nixos-lxc",
        profile: "proxmox-lxc",
        systemStateVersion: "24.11",
        timezone: "Europe/Berlin",
        resolvedEnable: false,
        nameServers: ["10.0.0.1"],
        allowedTCPPorts: [{ items: [22], comment: "ssh" }],
        wheelNeedsPassword: false,
        mount2ndDrives: false,
        swapFileEnable: false,
        systemStable: true,
        systemPackages: ["vim", "wget", "zsh", "git", "btop", "home-manager"],
      },
      userSettings: {
        username: "admin",
        name: "Homelab Admin",
        dotfilesDir: "/home/admin/.dotfiles",
        homeStateVersion: "24.11",
        extraGroups: ["networkmanager", "wheel"],
        dockerEnable: false,
        homePackages: ["fzf", "ripgrep"],
      },
      comments: { systemSettings: { allowedTCPPorts: "LXC profiles open only what they serve" }, userSettings: {} },
    },
  };
  const keys = {
    users: { admin: publicKey(0, "admin@laptop"), ops: [publicKey(1, "ops@desktop"), publicKey(2, "ops@phone")] },
    hosts: {},
    groups: { admins: ["admin", "ops"] },
  };
  const secrets = {};
  const machines = {};

  for (let i = 0; i < count; i++) {
    const roll = random();
    const kind = roll < 0.6 ? "lxc" : roll < 0.95 ? "vm" : "metal";
    const hostname = `${kind}-${String(i).padStart(5, "0")}`;
    const name = hostname;
    const enabled = moduleNames.filter(() => chance(0.35));
    if (enabled.length === 0) enabled.push(pick(moduleNames));
    const services = {};
    for (const [m, module] of enabled.entries()) {
      if (module === "caddy") services.caddy = chance(0.5) ? true : { acmeEmail: `admin@${hostname}.home.example.net` };
      else if (module === "alloy") services.alloy = chance(0.7) ? true : { logs: { enable: false } };
      else services[module] = { domain: `${module}.${hostname}.home.example.net`, ...(chance(0.3) ? { port: 20000 + m * 1000 + (i % 1000) } : {}) };
    }
    const machine = {
      kind,
      hostname,
      description: `Synthetic ${kind} number ${i}`,
      stateVersion: chance(0.5) ? "24.11" : "25.05",
      timeZone: pick(timeZones),
      users: {
        // The LXC profiles' userSettings.name defines the same description: NixOS refuses two different ones.
        admin: { description: "Homelab Admin", uid: 1000, admin: true, extraGroups: userGroups.filter(() => chance(0.3)), authorizedKeys: ["admins"] },
      },
      services,
      packages: extraPackages.filter(() => chance(0.25)),
      firewall: { tcp: chance(0.3) ? [22000 + (i % 100)] : [], udp: [] },
      nixos: chance(0.3) ? { "services.smartd.enable": kind === "metal", "services.journald.storage": "persistent" } : {},
    };
    if (chance(0.25)) {
      // A secret of its own, bound to an option of a module it runs when it can be.
      const secret = `${name}-token`;
      keys.hosts[name] = publicKey(1000 + i, `root@${hostname}`);
      const grafana = services.grafana !== undefined;
      secrets[secret] = {
        description: `Token of ${hostname}`,
        recipients: ["admins", name],
        ...(grafana ? { owner: "grafana", group: "grafana" } : {}),
      };
      machine.secrets = { [secret]: grafana ? { option: "grafana.adminPasswordFile" } : true };
    }
    if (kind === "lxc") {
      const docker = chance(0.4);
      profiles[name] = {
        extends: "LXC-base",
        description: `${name} Profile Configuration`,
        systemSettings: {
          hostname,
          profile: "proxmox-lxc",
          // The machine's time zone, which the system also sets: two different ones conflict in NixOS.
          timezone: machine.timeZone,
          envProfile: name,
          installCommand: `$HOME/.dotfiles/install.sh $HOME/.dotfiles ${name} -s -u`,
          serverEnv: pick(["DEV", "TEST", "PROD"]),
          allowedTCPPorts: { extend: [443, { items: [8000 + (i % 1000)], comment: "app" }] },
          systemPackages: { extend: extraPackages.filter(() => chance(0.2)) },
          homelabDockerEnable: docker,
        },
        userSettings: {
          dockerEnable: docker,
          ...(docker ? { extraGroups: { extend: ["docker"] } } : {}),
          zshinitContent: `export HOST_ROLE=${kind}\n[ -f ~/.zshrc.local ] && source ~/.zshrc.local\n`,
        },
      };
      machine.profile = name;
      machine.proxmox = {
        node: node(i),
        vmid: 1000 + i,
        cores: pick([1, 2, 4]),
        memory: pick([512, 1024, 2048, 4096]),
        disk: pick(["8G", "16G", "32G"]),
        storage: "local-lvm",
        template: "local:vztmpl/nixos-24.11-x86_64.tar.xz",
        onBoot: true,
        privileged: docker,
        features: { nesting: docker, keyctl: docker, fuse: false, mknod: false, mount: [] },
        bindMounts: chance(0.4)
          ? [{ host: `/tank/${mappingOf(i % nodeCount)}/${name}`, container: "/srv/data", readOnly: false, comment: "app data" }]
          : [],
        network: chance(0.5)
          ? { bridge: "vmbr0", ip: { address: `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/8`, gateway: "10.0.0.1" } }
          : { bridge: "vmbr0", ip: "dhcp" },
      };
    } else if (kind === "vm") {
      const n = i % nodeCount;
      machine.proxmox = {
        node: node(i),
        vmid: 1000 + i,
        cores: pick([2, 4, 8]),
        memory: pick([2048, 4096, 8192, 16384]),
        disk: pick(["32G", "64G", "128G"]),
        storage: "local-lvm",
        onBoot: true,
        virtiofs: chance(0.5)
          ? [{ mapping: mappingOf(n), mountPoint: "/mnt/data", owner: { user: "admin", group: "users" }, cache: "auto" }]
          : [],
      };
      machine.podman = chance(0.2);
    }
    machines[name] = machine;
  }
  return {
    name: `synthetic-${count}`,
    proxmox: { nodes },
    storage: { datasets, mappings },
    keys,
    secrets,
    profiles,
    modules: serviceModules(),
    machines,
  };
}
