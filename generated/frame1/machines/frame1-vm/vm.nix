# Hardware of frame1-vm: an aarch64 QEMU VM (UTM on Apple Silicon) with a VirtIO disk, UEFI firmware,
# an EFI system partition labelled ESP and an ext4 root labelled nixos. This file is the user's:
# nixgen never writes it.

{ modulesPath, ... }:
{
  imports = [
    (modulesPath + "/profiles/qemu-guest.nix")
  ];
  boot.initrd.availableKernelModules = [
    "xhci_pci"
    "usbhid"
    "sr_mod"
  ];
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
  services.qemuGuest.enable = true;
}
