# What `nixgen eval` evaluates each kind of generated file to. Called once per batch by the
# expression src/eval/batch.ts builds; each function returns plain JSON-able data.
#
# Nothing from nixpkgs is available, so the parts of the world the generated files reach for are
# stand-ins, each listed under `standIns` in the snapshot of every evaluation that used it:
# - `pkgs`: one fake derivation per name (`pkgs.vim` shows as "vim"), plus `writeText` and
#   `caddy.withPlugins`, which show their arguments;
# - NixOS options: declared from the NixOS option list (`nixosOptions`, built from
#   packages/schema/data/nixos-options.tsv), with their real types; options nobody sets hold an
#   "unset" marker that is never printed, and the few that modules and the checks read get their
#   NixOS defaults;
# - NixOS's checks that fail `nixos-rebuild` (root file system, boot loader), `modulesPath` modules
#   and the flake inputs agenix and disko: modules written after their sources in stand-in-modules.nix.
# An import of a file that does not exist, or of a `modulesPath` module without a stand-in, is an error.
{
  lib,
  # Every name `pkgs` must answer to; harmless when too many (a `with pkgs;` never shadows a binding).
  packageNames,
  # `{ lib, standIn }: { <option tree> }`: the NixOS option stand-ins.
  nixosOptions,
}:
let
  inherit (builtins)
    attrNames concatMap elem filter functionArgs isAttrs isFunction isList isPath length
    listToAttrs mapAttrs pathExists removeAttrs stringLength substring
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
  under = prefix: p: let s = toString p; in substring 0 (stringLength prefix + 1) s == prefix + "/";
  rest = prefix: p: let s = toString p; in substring (stringLength prefix + 1) (stringLength s) s;
  relative = root: p:
    if under (toString root) p then "./${rest (toString root) p}"
    else if under (toString modulesPath) p then "<modulesPath>/${rest (toString modulesPath) p}"
    else toString p;

  # The marker a stand-in option holds until something sets it.
  unset = { _type = "nixgen-unset"; };
  isUnset = v: isAttrs v && v._type or null == "nixgen-unset";

  # Defaults of the NixOS options that generated modules, the stand-ins and the checks read without
  # setting them (nixpkgs nixos/modules/tasks/network-interfaces.nix,
  # services/monitoring/prometheus/exporters.nix, services/networking/ssh/sshd.nix, system/boot/stage-2.nix).
  nixosDefaults = {
    "networking.hostName" = "nixos";
    "services.prometheus.exporters.node.port" = 9100;
    "boot.isContainer" = false;
    "services.openssh.enable" = false;
    "services.openssh.hostKeys" = [
      { type = "rsa"; bits = 4096; path = "/etc/ssh/ssh_host_rsa_key"; }
      { type = "ed25519"; path = "/etc/ssh/ssh_host_ed25519_key"; }
    ];
  };
  # The type, accepting the marker besides its values. `substSubModules` rebuilds a type from its
  # parts (the real lib does so for submodule options), so it must wrap what it rebuilds too.
  withUnset = type: type // {
    check = v: isUnset v || type.check v;
    merge = loc: defs:
      let set = filter (d: !isUnset d.value) defs; in
      if set == [ ] then unset else type.merge loc set;
  } // lib.optionalAttrs (type ? substSubModules) { substSubModules = m: withUnset (type.substSubModules m); };
  standIn = path: type: lib.mkOption { type = withUnset type; default = nixosDefaults.${path} or unset; };
  nixosModule = {
    _file = "<NixOS option stand-ins>";
    # The manual hides `assertions` and `warnings` (nixos/modules/misc/assertions.nix), so the option
    # list lacks them: declared here as NixOS does.
    options = nixosOptions { inherit lib standIn; } // {
      assertions = lib.mkOption { type = lib.types.listOf lib.types.unspecified; default = [ ]; };
      warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    };
  };

  # Stand-ins record themselves, so every evaluation lists what it did not really evaluate.
  standInsModule = {
    _file = "<nixgen eval>";
    options.nixgen.standIns = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
    config.nixgen.standIns = [ "NixOS option declarations (nixos-options.tsv)" "pkgs (packages by name)" ];
  };
  standInModules = import ./stand-in-modules.nix { inherit lib relative isUnset; };
  inputsFor = root: {
    nixpkgs.lib.nixosSystem = args: { _type = "nixgen-nixosSystem"; inherit args; };
    agenix.nixosModules.default = standInModules.agenix root;
    disko.nixosModules.disko = standInModules.disko;
  };

  # A module as the module system would load it, with every import checked: a file that does not
  # exist and a `modulesPath` module without a stand-in are errors naming the importing file.
  load = root: importer: m:
    if isPath m && under (toString modulesPath) m then
      standInModules.modulesPath.${rest (toString modulesPath) m}
        or (throw "nixgen eval: ${importer} imports ${relative root m}, a NixOS module without a stand-in here (there are: ${lib.concatStringsSep ", " (attrNames standInModules.modulesPath)})")
    else if isPath m && !pathExists m then throw "nixgen eval: ${importer} imports ${relative root m}, which does not exist"
    else if isPath m then
      let
        value = import m;
        fix = module: if isAttrs module && module ? imports then module // { imports = map (load root (relative root m)) module.imports; } else module;
      in
      { _file = toString m; key = toString m; imports = [ (if isFunction value then args: fix (value args) else fix value) ]; }
    else if isAttrs m && m ? imports then m // { imports = map (load root importer) m.imports; }
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

  # `system`: a whole system, which NixOS's boot checks apply to (a service module alone is not one).
  evalNixos = { root, importer, modules, specialArgs, system ? true }:
    checked (lib.evalModules {
      modules = [ nixosModule standInsModule ] ++ lib.optional system standInModules.nixosChecks ++ map (load root importer) modules;
      specialArgs = { inherit pkgs modulesPath; } // specialArgs;
    });
  standInsOf = eval: attrNames (listToAttrs (map (name: { inherit name; value = null; }) eval.config.nixgen.standIns));

  nixosConfigurationsOf = root: flake: (import flake (inputsFor root)).nixosConfigurations or { };

  knownArgs = [ "config" "lib" "pkgs" "options" "modulesPath" "specialArgs" "name" ];
in
{
  profile = { root, file }: show root true (import file);

  data = { root, file }: show root false (import file);

  flake = { root, file }: show root false (import file (inputsFor root));

  # The module with everything in its directory (generated machines import every module), enabled
  # with its defaults; options without a default take their example.
  module = { root, file, siblings }:
    let
      # Arguments a profile system passes (systemSettings, userSettings) are given as empty sets.
      arguments = removeAttrs (builtins.foldl' (acc: f: let v = import f; in acc // (if isFunction v then mapAttrs (_: _: { }) (functionArgs v) else { })) { } siblings) knownArgs;
      evalWith = extra: evalNixos { inherit root; importer = relative root file; modules = siblings ++ extra; specialArgs = arguments; system = false; };
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
      standIns = standInsOf enabled;
    };

  # The name of every `nixosConfigurations` entry of a flake, with the files among its modules.
  systems = { root, flake }:
    mapAttrs (_: s: map (relative root) (filter isPath (s.args.modules or [ ]))) (nixosConfigurationsOf root flake);

  # One `nixosConfigurations.<name>` as nixpkgs.lib.nixosSystem builds it: its modules and specialArgs together.
  system = { root, flake, name }:
    let
      args = (nixosConfigurationsOf root flake).${name}.args;
      eval = evalNixos {
        inherit root;
        importer = "${relative root flake} (nixosConfigurations.${name})";
        modules = args.modules or [ ];
        specialArgs = args.specialArgs or { };
      };
    in
    {
      system = args.system or null;
      modules = map (m: if isAttrs m && m ? _file then m._file else relative root m) (args.modules or [ ]);
      specialArgs = attrNames (args.specialArgs or { });
      standIns = standInsOf eval;
      config = configOf root eval.options setByDefinition;
    };

  # A machine file no flake output registers, evaluated as a system of its own.
  machine = { root, file }:
    let eval = evalNixos { inherit root; importer = relative root file; modules = [ file ]; specialArgs = { }; }; in
    {
      standIns = standInsOf eval;
      config = configOf root eval.options setByDefinition;
    };
}
