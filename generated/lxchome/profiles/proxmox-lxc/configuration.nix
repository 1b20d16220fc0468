# User-owned, not generated: the entry point of the proxmox-lxc profile system (seed 000's
# profiles/proxmox-lxc/configuration.nix, which the migration keeps unchanged). Machines built from
# a proxmox-lxc profile import it; it reads the profile through the `systemSettings` and
# `userSettings` the flake passes as specialArgs. nixgen evaluates it, never writes it.
{ lib, pkgs, systemSettings, userSettings, ... }:
{
  networking.hostName = systemSettings.hostname;
  time.timeZone = systemSettings.timezone;
  i18n.defaultLocale = systemSettings.locale;
  networking.nameservers = systemSettings.nameServers;
  services.resolved.enable = systemSettings.resolvedEnable;
  networking.firewall.allowedTCPPorts = systemSettings.allowedTCPPorts;
  networking.firewall.allowedUDPPorts = systemSettings.allowedUDPPorts;
  # The profile lists packages as `pkgs: pkgs-unstable: [ … ]`; this system has one channel.
  environment.systemPackages = systemSettings.systemPackages pkgs pkgs;
  system.stateVersion = systemSettings.systemStateVersion;

  users.users.${userSettings.username} = {
    isNormalUser = true;
    extraGroups = [ "wheel" ] ++ lib.optional userSettings.dockerEnable "docker";
  };
  virtualisation.docker = lib.mkIf userSettings.dockerEnable {
    enable = true;
    storageDriver = "overlay2";
  };
}
