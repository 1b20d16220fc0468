# Hardware of nas (Intel, SATA system SSD; the ZFS pool tank is on the data disks and imported by
# boot.zfs.extraPools in the generated configuration), from
#   nixos-generate-config --show-hardware-config
# This file is the user's: nixgen never writes it.

{ modulesPath, ... }:
{
  imports = [
    (modulesPath + "/installer/scan/not-detected.nix")
  ];
  boot.initrd.availableKernelModules = [
    "xhci_pci"
    "ahci"
    "usb_storage"
    "sd_mod"
  ];
  boot.kernelModules = [ "kvm-intel" ];
  boot.loader.systemd-boot.enable = true;
  boot.loader.efi.canTouchEfiVariables = true;
  fileSystems."/" = {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
  fileSystems."/boot" = {
    device = "/dev/disk/by-label/ESP";
    fsType = "vfat";
    options = [ "umask=0077" ];
  };
  hardware.cpu.intel.updateMicrocode = true;
}
