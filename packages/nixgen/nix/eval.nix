# What `nixgen eval` evaluates each kind of generated file to. Called once per batch by the
# expression src/eval/batch.ts builds; each function returns plain JSON-able data.
#
# Nothing from nixpkgs is available, so the parts of the world the generated files reach for are
# stand-ins, each named in the output where it was used:
# - `pkgs`: one fake derivation per name (`pkgs.vim` shows as "vim"), plus `writeText` and
#   `caddy.withPlugins`, which show their arguments;
# - NixOS options: declared from the committed subset of the NixOS option list (`nixosOptions`,
#   built from nixos-options.tsv), with their real types; options nobody sets hold an "unset"
#   marker that is never printed, and a few that modules read get their NixOS defaults;
# - flake inputs (agenix, disko), `modulesPath` and imports of files nixgen does not generate
#   (hardware.nix, the profile system's configuration.nix): stub modules, listed under `stubs`.
{
  lib,
  # Every name `pkgs` must answer to; harmless when too many (a `with pkgs;` never shadows a binding).
  packageNames,
  # `{ lib, standIn }: { <option tree> }`: the NixOS option stand-ins.
  nixosOptions,
}:
let
  inherit (builtins)
    attrNames concatMap elem filter functionArgs head isAttrs isFunction isList isPath length
    listToAttrs mapAttrs pathExists removeAttrs stringLength substring tail typeOf
    ;

  # pkgs
  fakeStorePath = name: "/nix/store/00000000000000000000000000000000-${name}";
  # A package also answers every name, lazily, for package sets inside `pkgs`
  # (`python3Packages.requests`, `kdePackages.dolphin`); its own fields win over those names.
  mkPackage = show: name:
    listToAttrs (map (inner: { name = inner; value = mkPackage "${show}.${inner}" inner; }) packageNames)
    // { type = "derivation"; inherit name; outPath = fakeStorePath name; __nixgenShow = show; };
  packageSet = prefix: listToAttrs (map (name: { inherit name; value = mkPackage "${prefix}${name}" name; }) packageNames);
  pkgs = packageSet "" // {
    writeText = name: text: mkPackage { writeText = name; inherit text; } name;
    caddy = mkPackage "caddy" "caddy" // {
      withPlugins = { plugins, hash }: mkPackage { package = "caddy"; withPlugins = plugins; inherit hash; } "caddy-with-plugins";
    };
  };
  pkgsUnstable = packageSet "pkgs-unstable.";

  # Paths show relative to the example's root, so snapshots hold no absolute path.
  modulesPath = /nixgen-stand-in/nixos/modules;
  relative = root: p:
    let
      s = toString p;
      under = prefix: substring 0 (stringLength prefix + 1) s == prefix + "/";
      rest = prefix: substring (stringLength prefix + 1) (stringLength s) s;
    in
    if under (toString root) then "./${rest (toString root)}"
    else if under (toString modulesPath) then "<modulesPath>/${rest (toString modulesPath)}"
    else s;

  # The marker a stand-in option holds until something sets it.
  unset = { _type = "nixgen-unset"; };
  isUnset = v: isAttrs v && v._type or null == "nixgen-unset";

  # Defaults of the NixOS options generated modules read without setting them (nixpkgs
  # nixos/modules/tasks/network-interfaces.nix, services/monitoring/prometheus/exporters.nix).
  nixosDefaults = {
    "networking.hostName" = "nixos";
    "services.prometheus.exporters.node.port" = 9100;
  };
  standIn = path: type: lib.mkOption {
    type = type // {
      check = v: isUnset v || type.check v;
      merge = loc: defs: if builtins.all (d: isUnset d.value) defs then unset else type.merge loc defs;
    };
    default = nixosDefaults.${path} or unset;
  };
  # nixpkgs' `pkgs.formats.json { }`.type, which NixOS uses for JSON, YAML and TOML settings.
  formats.json =
    let
      inherit (lib.types) attrsOf bool float int listOf nullOr oneOf path str;
      valueType = nullOr (oneOf [ bool int float str path (attrsOf valueType) (listOf valueType) ]) // { description = "JSON value"; };
    in
    valueType;
  nixosModule = {
    _file = "<NixOS option stand-ins>";
    # The manual hides `assertions` and `warnings` (nixos/modules/misc/assertions.nix), so the option
    # list lacks them: declared here as NixOS does.
    options = nixosOptions { inherit lib standIn formats; } // {
      assertions = lib.mkOption { type = lib.types.listOf lib.types.unspecified; default = [ ]; };
      warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };

  # Stubs record themselves, so every evaluation lists what it did not really evaluate.
  stubsModule = {
    _file = "<nixgen eval>";
    options.nixgen.stubs = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
  };
  stub = name: extra: { _file = "<stub ${name}>"; key = "stub:${name}"; config.nixgen.stubs = [ name ]; } // extra;

  # agenix's options with agenix's defaults (github:ryantm/agenix modules/age.nix).
  agenixStub = stub "inputs.agenix.nixosModules.default" {
    options.age = {
      identityPaths = lib.mkOption { type = lib.types.listOf lib.types.path; };
      secrets = lib.mkOption {
        default = { };
        type = lib.types.attrsOf (lib.types.submodule ({ name, config, ... }: {
          options = {
            name = lib.mkOption { type = lib.types.str; default = name; };
            file = lib.mkOption { type = lib.types.path; };
            path = lib.mkOption { type = lib.types.str; default = "/run/agenix/${config.name}"; };
            mode = lib.mkOption { type = lib.types.str; default = "0400"; };
            owner = lib.mkOption { type = lib.types.str; default = "0"; };
            group = lib.mkOption { type = lib.types.str; default = "0"; };
            symlink = lib.mkOption { type = lib.types.bool; default = true; };
          };
        }));
      };
    };
  };
  inputs = {
    nixpkgs.lib.nixosSystem = args: { _type = "nixgen-nixosSystem"; inherit args; };
    agenix.nixosModules.default = agenixStub;
    disko.nixosModules.disko = stub "inputs.disko.nixosModules.disko" { };
  };

  # A module file, with every import of a file that does not exist replaced by a stub.
  withStubs = root: m:
    if isPath m && !pathExists m then stub (relative root m) { }
    else if isPath m then
      let
        value = import m;
        fix = module: if isAttrs module && module ? imports then module // { imports = map (withStubs root) module.imports; } else module;
      in
      { _file = toString m; key = toString m; imports = [ (if isFunction value then args: fix (value args) else fix value) ]; }
    else m;

  # JSON-able data: paths relative to the root, packages by name, unset stand-ins dropped.
  # `applyFunctions` shows a profile's package function as the list it returns for the stand-ins.
  show = root: applyFunctions: value:
    let
      go = v:
        if isPath v then relative root v
        else if isList v then map go (filter (x: !isUnset x) v)
        else if isFunction v then (if applyFunctions then go (let r = v pkgs; in if isFunction r then r pkgsUnstable else r) else "<function>")
        else if !isAttrs v then v
        else if v ? __nixgenShow then go v.__nixgenShow
        else if v._type or null == "nixgen-nixosSystem" then
          {
            nixosSystem = {
              system = v.args.system or null;
              modules = map showModule (v.args.modules or [ ]);
              specialArgs = attrNames (v.args.specialArgs or { });
            };
          }
        else if v ? __functor then "<function>"
        else attrsWithout v;
      showModule = m: if isAttrs m && m ? _file then m._file else if isAttrs m then "<module>" else go m;
      # Drops unset stand-ins, the module system's internal `_module`, and sets left empty by that.
      attrsWithout = v:
        let
          kept = filter (n: n != "_module" && !isUnset v.${n}) (attrNames v);
          shown = map (n: { name = n; value = go v.${n}; }) kept;
          nonEmpty = filter (e: !(e.value == { } && isAttrs v.${e.name} && v.${e.name} != { })) shown;
        in
        listToAttrs nonEmpty;
    in
    go value;

  dotted = lib.concatStringsSep ".";

  # Every option leaf below `options`, as { path, option }, sorted by path.
  optionLeaves = prefix: options:
    concatMap (n:
      let o = options.${n}; in
      if n == "_module" || n == "nixgen" then [ ]
      else if lib.isOption o then [ { path = prefix ++ [ n ]; option = o; } ]
      else if isAttrs o then optionLeaves (prefix ++ [ n ]) o
      else [ ]
    ) (attrNames options);

  # The config as nested attributes, holding only the options `keep` accepts.
  configOf = root: options: keep:
    let
      leaves = filter (l: l.option.isDefined && keep l) (optionLeaves [ ] options);
      shown = filter (l: !isUnset l.value) (map (l: { inherit (l) path; value = l.option.value; }) leaves);
    in
    builtins.foldl' (acc: l: lib.recursiveUpdate acc (lib.setAttrByPath l.path (show root false l.value))) { } shown;

  setByDefinition = l: l.option.highestPrio < 1500;

  describe = root: o:
    { type = o.type.description; description = o.description or null; }
    // lib.optionalAttrs (o ? default) { default = show root false o.default; }
    // lib.optionalAttrs (o ? example) { example = show root false o.example; };

  # NixOS checks assertions when it builds the system; so does this, after evaluating.
  checked = eval:
    let
      failed = filter (a: !a.assertion) eval.config.assertions;
    in
    if failed == [ ] then eval
    else throw "Failed assertions:\n${lib.concatStringsSep "\n" (map (a: "- ${a.message}") failed)}";

  evalNixos = { root, modules, specialArgs }:
    checked (lib.evalModules {
      modules = [ nixosModule stubsModule ] ++ map (withStubs root) modules;
      specialArgs = { inherit pkgs modulesPath; } // specialArgs;
    });

  knownArgs = [ "config" "lib" "pkgs" "options" "modulesPath" "specialArgs" "name" ];
in
{
  profile = { root, file }: show root true (import file);

  data = { root, file }: show root false (import file);

  flake = { root, file }: show root false (import file inputs);

  # The module with everything in its directory (generated machines import every module), enabled
  # with its defaults; options without a default take their example.
  module = { root, file, siblings }:
    let
      # Arguments a profile system passes (systemSettings, userSettings) are given as empty sets.
      arguments = removeAttrs (builtins.foldl' (acc: f: let v = import f; in acc // (if isFunction v then mapAttrs (_: _: { }) (functionArgs v) else { })) { } siblings) knownArgs;
      evalWith = extra: evalNixos { inherit root; modules = siblings ++ extra; specialArgs = arguments; };
      declared = filter (l: elem (toString file) l.option.declarations) (optionLeaves [ ] (evalWith [ ]).options);
      shallowest = builtins.foldl' (n: l: if length l.path < n then length l.path else n) 9999 (filter (l: lib.last l.path == "enable") declared);
      enables = filter (l: lib.last l.path == "enable" && length l.path == shallowest) declared;
      required = filter (l: !(l.option ? default)) declared;
      settings =
        map (l: { inherit (l) path; value = true; }) enables
        ++ map (l: { inherit (l) path; value = l.option.example or (throw "nixgen eval: option `${dotted l.path}' has neither a default nor an example, so the module cannot be enabled with defaults"); }) required;
      enabled = evalWith [ { _file = "<nixgen eval: enabled with defaults>"; config = builtins.foldl' (acc: s: lib.recursiveUpdate acc (lib.setAttrByPath s.path s.value)) { } settings; } ];
      ownPaths = map (l: dotted l.path) declared;
    in
    {
      options = listToAttrs (map (l: { name = dotted l.path; value = describe root l.option; }) declared);
      enabledWith = listToAttrs (map (s: { name = dotted s.path; value = show root false s.value; }) settings);
      inherit arguments;
      config = configOf root enabled.options (l: setByDefinition l || elem (dotted l.path) ownPaths);
      stubs = builtins.sort (a: b: a < b) enabled.config.nixgen.stubs;
    };

  # The machine as its flake output builds it (the flake's modules and specialArgs), or alone.
  machine = { root, file, flake ? null }:
    let
      outputs = if flake == null then { } else (import flake inputs).nixosConfigurations or { };
      registered = filter (c: elem file (c.args.modules or [ ])) (map (n: outputs.${n}) (attrNames outputs));
      system = if registered == [ ] then { modules = [ file ]; specialArgs = { }; } else (head registered).args;
      eval = evalNixos { inherit root; inherit (system) modules; specialArgs = system.specialArgs or { }; };
    in
    {
      modules = map (m: if isAttrs m && m ? _file then m._file else relative root m) system.modules;
      config = configOf root eval.options setByDefinition;
      stubs = builtins.sort (a: b: a < b) eval.config.nixgen.stubs;
    };
}
