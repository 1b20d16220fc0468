{
  description = "homelab-nixgen: NixOS homelabs generated from one typed config";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";
    # Generated machines that decrypt secrets import inputs.agenix.nixosModules.default.
    agenix = {
      url = "github:ryantm/agenix";
      inputs.nixpkgs.follows = "nixpkgs";
    };
    # Machines that import a disko layout get inputs.disko.nixosModules.disko.
    disko = {
      url = "github:nix-community/disko";
      inputs.nixpkgs.follows = "nixpkgs";
    };
    # The profile system of seed 000 builds homeConfigurations from the same profiles.
    home-manager = {
      url = "github:nix-community/home-manager/release-25.05";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };

  outputs =
    { nixpkgs, ... }@inputs:
    let
      # Each generated/<example>/flake-outputs.nix (written by `pnpm gen`) is a function of these inputs
      # returning { nixosConfigurations = { … }; profiles = { … }; }. A flake only sees files git tracks.
      examples = builtins.filter (
        name: builtins.pathExists (./generated + "/${name}/flake-outputs.nix")
      ) (builtins.attrNames (builtins.readDir ./generated));
      outputsOf = name: import (./generated + "/${name}/flake-outputs.nix") inputs;

      # Union of one output across the examples. Two examples defining the same machine is an error
      # rather than one silently replacing the other.
      merged =
        output:
        builtins.foldl' (
          acc: name:
          let
            defined = (outputsOf name).${output} or { };
            clashes = builtins.attrNames (builtins.intersectAttrs acc defined);
          in
          if clashes == [ ] then
            acc // defined
          else
            throw "generated/${name} defines ${output} that another example defines too: ${builtins.concatStringsSep ", " clashes}"
        ) { } examples;

      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forAllSystems =
        f:
        builtins.listToAttrs (
          map (system: {
            name = system;
            value = f system;
          }) systems
        );
    in
    {
      nixosConfigurations = merged "nixosConfigurations";

      # Profile files by name (seed 000's `profiles = { NAME = ./profiles/NAME-config.nix; }` registry).
      profiles = merged "profiles";

      devShells = forAllSystems (
        system:
        let
          pkgs = nixpkgs.legacyPackages.${system};
        in
        {
          default = pkgs.mkShell {
            packages = [
              pkgs.nodejs_20
              pkgs.pnpm_10
              pkgs.nix
              pkgs.nixfmt-rfc-style
              inputs.agenix.packages.${system}.default
            ];
          };
        }
      );

      formatter = forAllSystems (system: nixpkgs.legacyPackages.${system}.nixfmt-rfc-style);
    };
}
