# Starter written by `nixgen scaffold` from examples/lxchome/homelab.config.ts: this file is yours; nixgen never overwrites it.
# The profile system proxmox-lxc: the NixOS module every machine whose profile sets systemSettings.profile = "proxmox-lxc"
# imports. The flake passes the profile's settings (profiles/<name>-config.nix) as systemSettings and userSettings.

{ pkgs, systemSettings, userSettings, ... }:
{
  networking.hostName = systemSettings.hostname;
  system.stateVersion = systemSettings.systemStateVersion;
  time.timeZone = systemSettings.timezone;
  i18n.defaultLocale = systemSettings.locale;
  networking.nameservers = systemSettings.nameServers;
  services.resolved.enable = systemSettings.resolvedEnable;
  networking.firewall.allowedTCPPorts = systemSettings.allowedTCPPorts;
  networking.firewall.allowedUDPPorts = systemSettings.allowedUDPPorts;
  security.sudo.wheelNeedsPassword = systemSettings.wheelNeedsPassword;
  services.fail2ban.enable = systemSettings.fail2banEnable;
  services.haveged.enable = systemSettings.havegedEnable;
  # The settings hold `pkgs: pkgs-unstable: [ … ]`; pass your unstable package set second
  environment.systemPackages = systemSettings.systemPackages pkgs pkgs;
  services.openssh.enable = true;
  users.users.${userSettings.username} = {
    isNormalUser = true;
    description = userSettings.name;
    extraGroups = userSettings.extraGroups;
  };
  virtualisation.docker.enable = userSettings.dockerEnable;
}
