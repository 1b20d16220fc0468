# `nixgen import` evaluates a file through this wrapper (src/import/evaluate-file.ts) and reads it back as
# tagged JSON, so nothing is lost on the way: ints as decimal strings (int64 exceeds JS numbers),
# floats exactly (Nix 2.8 prints JSON floats with 6 digits), paths as absolute path strings (never
# copied to the store), attribute sets as name/value pairs (`outPath` or `__toString` would change
# how Nix prints a set), and package functions (`pkgs: pkgs-unstable: with pkgs; [ … ]`) applied to
# stand-in package sets whose attributes name themselves. A file the import was not given (a
# `secrets = import ../secrets/domains.nix;`) is never read for values: its import answers with
# references (`{ r = [ file path ]; }`, and inside strings `@nixgen-ref(file|path)@` tokens), so that
# what comes from it stays `(import ../secrets/domains.nix).path` in what nixgen writes.
{
  # Absolute path of the file to evaluate, or "" for none (only `lets`).
  file ? "",
  # The file's own `let` bindings as an attribute set (built by nixgen from the file's `let … in`).
  lets ? { },
  # Absolute path of the base profile the file imports, or "": which settings does the file set itself?
  base ? "",
  # JSON tree of every attribute path the file could take from `pkgs`: { vim = { }; python3Packages = { requests = { }; }; }
  packages ? "{}",
  # JSON list of absolute paths imported for their values; any other `import` of the file answers
  # with references.
  known ? "[]",
}:
let
  inherit (builtins) attrNames concatStringsSep elem isAttrs isFloat isInt isList mapAttrs typeOf tryEval deepSeq;

  packageKeys = [ "systemPackages" "homePackages" ];
  tree = builtins.fromJSON packages;
  standIn = marker: prefix: names:
    mapAttrs (name: sub: standIn marker "${prefix}${name}." sub // { ${marker} = "${prefix}${name}"; }) names;
  pkgs = standIn "__nixgenPackage" "" tree;
  pkgs-unstable = standIn "__nixgenUnstable" "" tree;

  knownFiles = builtins.fromJSON known;
  # What an unknown file's import answers: every selection the importing file could make, each a reference.
  reference = file: path: names:
    mapAttrs (name: sub: reference file (path ++ [ name ]) sub) names // {
      __nixgenRef = { inherit file path; };
      __toString = _: "@nixgen-ref(${file}|${concatStringsSep "." path})@";
    };
  importOr = stub: p:
    let at = toString p; in
    if at == base && stub != null then stub
    else if elem at knownFiles || at == base then import p
    else reference at [ ] tree;
  importing = stub: file: builtins.scopedImport { import = importOr stub; } file;

  # x = m · 2^e with m in [1, 2): returns [ m·2^52 e ], exact for every finite double.
  frexp = x: e:
    if x >= 18446744073709551616.0 then frexp (x / 18446744073709551616.0) (e + 64)
    else if x >= 2.0 then frexp (x / 2.0) (e + 1)
    else if x < 5.421010862427522e-20 then frexp (x * 18446744073709551616.0) (e - 64)
    else if x < 1.0 then frexp (x * 2.0) (e - 1)
    else [ (builtins.floor (x * 4503599627370496.0)) e ];

  # `key` is the attribute the value sits under: package functions are recognised by it.
  encode = key: v:
    let type = typeOf v; in
    if isInt v then { i = toString v; }
    else if isFloat v then { f = if v == 0.0 then [ 1 0 0 ] else if v < 0.0 then [ (-1) ] ++ frexp (-v) 0 else [ 1 ] ++ frexp v 0; }
    else if type == "path" then { p = toString v; }
    else if type == "lambda" then { l = if elem key packageKeys then encode null (v pkgs pkgs-unstable) else null; }
    else if isList v then map (encode null) v
    else if isAttrs v then
      if v ? __nixgenRef then { r = [ v.__nixgenRef.file v.__nixgenRef.path ]; }
      else if v ? __nixgenPackage then { k = v.__nixgenPackage; }
      else if v ? __nixgenUnstable then { u = v.__nixgenUnstable; }
      else { a = map (name: [ name (encode name v.${name}) ]) (attrNames v); }
    else v;

  source = /. + file;

  # The file with its base replaced: by empty settings, the attribute names are the file's own; by
  # settings that throw when read, a value that fails is computed from the base's.
  withBase = stub: importing stub source;
  realBase = importing null (/. + base);
  emptyBase = mapAttrs (_: section: if isAttrs section then { } else section) realBase;
  throwingBase = mapAttrs (_: section: if isAttrs section then mapAttrs (_: _: throw "nixgen: read from the base") section else section) realBase;
  ownKeys = section: map (key: {
    inherit key;
    usesBase = !(tryEval (deepSeq (encode key (withBase throwingBase).${section}.${key}) true)).success;
  }) (attrNames (withBase emptyBase).${section});
  own = mapAttrs (section: value: if isAttrs value then ownKeys section else null) (withBase emptyBase);
in
{
  value = if file == "" then null else encode null (importing null source);
  own = if base == "" then null else own;
  lets = encode null lets;
}
