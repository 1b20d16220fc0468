# A test double of the part of nixpkgs' `lib` that nixgen's generated files use, for machines
# without nixpkgs (`nixgen eval --lib double`, the default). It follows nixpkgs 25.11
# (lib/modules.nix, lib/types.nix, lib/options.nix): same type checks, same merge rules, same type
# descriptions and the same shape of `evalModules`' `options` tree, so that evaluating with it
# gives the JSON the real `lib` gives (test/eval-lib-double.test.ts compares them when a real
# nixpkgs is at hand). What it leaves out fails loudly ("attribute missing"), never silently:
# mkOrder/mkBefore, typeMerge (an option declared twice), `_module.args`, disabledModules.
let
  inherit (builtins)
    all any attrNames concatLists concatMap concatStringsSep elem filter foldl' genericClosure
    head isAttrs isBool isFloat isFunction isInt isList isPath isString length listToAttrs map
    mapAttrs tail typeOf zipAttrsWith
    ;

  # lists, attribute sets and strings
  optional = cond: x: if cond then [ x ] else [ ];
  optionals = cond: xs: if cond then xs else [ ];
  optionalString = cond: s: if cond then s else "";
  optionalAttrs = cond: as: if cond then as else { };
  toList = x: if isList x then x else [ x ];
  last = xs: builtins.elemAt xs (length xs - 1);
  reverseList = xs: builtins.genList (n: builtins.elemAt xs (length xs - n - 1)) (length xs);
  imap1 = f: xs: builtins.genList (n: f (n + 1) (builtins.elemAt xs n)) (length xs);
  filterAttrs = pred: set: removeAttrs set (filter (n: !pred n set.${n}) (attrNames set));
  isStringLike = x: isString x || isPath x || x ? outPath || x ? __toString;
  isDerivation = x: isAttrs x && x.type or null == "derivation";
  isStorePath = x:
    isStringLike x && builtins.substring 0 1 (toString x) == "/"
    && dirOf (toString x) == builtins.storeDir;
  setAttrByPath = path: value:
    if path == [ ] then value else { ${head path} = setAttrByPath (tail path) value; };
  recursiveUpdate = lhs: rhs:
    lhs // mapAttrs (n: v: if isAttrs v && isAttrs (lhs.${n} or null) then recursiveUpdate lhs.${n} v else v) rhs;
  mapAttrsRecursiveCond = cond: f: set:
    let
      recurse = path: mapAttrs (n: v:
        if isAttrs v && cond v then recurse (path ++ [ n ]) v else f (path ++ [ n ]) v);
    in
    recurse [ ] set;

  showOption = concatStringsSep ".";
  showFiles = files: concatStringsSep ", " (map (f: "`${f}'") files);
  showDefs = defs: concatStrings (map (d: "\n- In `${d.file}': ${showValue d.value}") defs);
  concatStrings = concatStringsSep "";
  showValue = v:
    if isString v then builtins.toJSON v
    else if isAttrs v || isList v || isFunction v then "<${typeOf v}>"
    else builtins.toJSON v;

  # properties (lib/modules.nix)
  mkIf = condition: content: { _type = "if"; inherit condition content; };
  mkMerge = contents: { _type = "merge"; inherit contents; };
  mkOverride = priority: content: { _type = "override"; inherit priority content; };
  mkOptionDefault = mkOverride 1500;
  mkDefault = mkOverride 1000;
  mkForce = mkOverride 50;
  defaultOverridePriority = 100;

  pushDownProperties = cfg:
    if cfg._type or "" == "merge" then concatMap pushDownProperties cfg.contents
    else if cfg._type or "" == "if" then map (mapAttrs (n: v: mkIf cfg.condition v)) (pushDownProperties cfg.content)
    else if cfg._type or "" == "override" then map (mapAttrs (n: v: mkOverride cfg.priority v)) (pushDownProperties cfg.content)
    else [ cfg ];

  dischargeProperties = def:
    if def._type or "" == "merge" then concatMap dischargeProperties def.contents
    else if def._type or "" == "if" then
      if isBool def.condition then (if def.condition then dischargeProperties def.content else [ ])
      else throw "‘mkIf’ called with a non-Boolean condition"
    else [ def ];

  filterOverrides = defs:
    let
      prio = def: if def.value._type or "" == "override" then def.value.priority else defaultOverridePriority;
      highestPrio = foldl' (p: def: if prio def < p then prio def else p) 9999 defs;
      strip = def: if def.value._type or "" == "override" then def // { value = def.value.content; } else def;
    in
    { inherit highestPrio; values = concatMap (def: if prio def == highestPrio then [ (strip def) ] else [ ]) defs; };

  mergeDefinitions = loc: type: defs: rec {
    discharged = concatMap (d: map (value: { inherit (d) file; inherit value; }) (dischargeProperties d.value)) defs;
    filtered = filterOverrides discharged;
    defsFinal = filtered.values;
    isDefined = defsFinal != [ ];
    mergedValue =
      if !isDefined then throw "The option `${showOption loc}' was accessed but has no value defined. Try setting the option."
      else if all (d: type.check d.value) defsFinal then type.merge loc defsFinal
      else throw "A definition for option `${showOption loc}' is not of type `${type.description}'. Definition values:${showDefs (filter (d: !type.check d.value) defsFinal)}";
    optionalValue = if isDefined then { value = mergedValue; } else { };
  };

  # options (lib/options.nix)
  mkOption = attrs: attrs // { _type = "option"; };
  mkEnableOption = name: mkOption {
    default = false;
    example = true;
    description = "Whether to enable ${name}.";
    type = types.bool;
  };
  isOption = x: isAttrs x && x._type or "" == "option";

  mergeEqualOption = loc: defs:
    if length defs == 1 then (head defs).value
    else (foldl' (first: def:
      if def.value != first.value
      then throw "The option `${showOption loc}' has conflicting definition values:${showDefs [ first def ]}"
      else first) (head defs) (tail defs)).value;
  mergeOneOption = loc: defs:
    if length defs == 1 then (head defs).value
    else throw "The option `${showOption loc}' is defined multiple times while it's expected to be unique.\n\nDefinition values:${showDefs defs}";
  mergeDefaultOption = loc: defs:
    let list = map (d: d.value) defs; in
    if length list == 1 then head list
    else if all isFunction list then x: mergeDefaultOption loc (map (f: f x) list)
    else if all isList list then concatLists list
    else if all isAttrs list then foldl' (a: b: a // b) { } list
    else if all isBool list then any (x: x) list
    else if all isString list then concatStrings list
    else if all isInt list && all (x: x == head list) list then head list
    else throw "Cannot merge definitions of `${showOption loc}'. Definition values:${showDefs defs}";

  # types (lib/types.nix)
  mkOptionType = { name, description ? null, descriptionClass ? null, check ? (x: true), merge ? mergeDefaultOption, emptyValue ? { }, nestedTypes ? { } }: {
    _type = "option-type";
    inherit name descriptionClass check merge emptyValue nestedTypes;
    description = if description == null then name else description;
  };
  phrase = unparenthesize: t: if unparenthesize (t.descriptionClass or null) then t.description else "(${t.description})";
  addCheck = t: check: t // { check = x: t.check x && check x; };

  types = rec {
    anything = mkOptionType {
      name = "anything";
      descriptionClass = "noun";
      merge = loc: defs:
        let
          typeName = v: if isAttrs v && isStringLike v then "stringCoercibleSet" else typeOf v;
          common = foldl' (t: d: if typeName d.value == t then t else throw "The option `${showOption loc}' has conflicting option types in ${showFiles (map (d: d.file) defs)}") (typeName (head defs).value) defs;
        in
        if common == "set" then (attrsOf anything).merge loc defs
        else if common == "stringCoercibleSet" then mergeOneOption loc defs
        else mergeEqualOption loc defs;
    };
    unspecified = mkOptionType { name = "unspecified"; description = "unspecified value"; descriptionClass = "noun"; };
    bool = mkOptionType { name = "bool"; description = "boolean"; descriptionClass = "noun"; check = isBool; merge = mergeEqualOption; };
    int = mkOptionType { name = "int"; description = "signed integer"; descriptionClass = "noun"; check = isInt; merge = mergeEqualOption; };
    ints =
      let
        between = lowest: highest: addCheck int (x: x >= lowest && x <= highest) // {
          name = "intBetween";
          description = "integer between ${toString lowest} and ${toString highest} (both inclusive)";
        };
        ign = lowest: highest: name: docStart: between lowest highest // {
          inherit name;
          description = docStart + "; between ${toString lowest} and ${toString highest} (both inclusive)";
        };
        unsign = bit: range: ign 0 (range - 1) "unsignedInt${toString bit}" "${toString bit} bit unsigned integer";
        sign = bit: range: ign (0 - (range / 2)) (range / 2 - 1) "signedInt${toString bit}" "${toString bit} bit signed integer";
      in
      {
        inherit between;
        unsigned = addCheck int (x: x >= 0) // { name = "unsignedInt"; description = "unsigned integer, meaning >=0"; descriptionClass = "nonRestrictiveClause"; };
        positive = addCheck int (x: x > 0) // { name = "positiveInt"; description = "positive integer, meaning >0"; descriptionClass = "nonRestrictiveClause"; };
        u8 = unsign 8 256;
        u16 = unsign 16 65536;
        u32 = unsign 32 4294967296;
        s8 = sign 8 256;
        s16 = sign 16 65536;
        s32 = sign 32 4294967296;
      };
    port = ints.u16;
    float = mkOptionType { name = "float"; description = "floating point number"; descriptionClass = "noun"; check = isFloat; merge = mergeEqualOption; };
    number = either int float;
    numbers = {
      between = lowest: highest: addCheck number (x: x >= lowest && x <= highest) // {
        name = "numberBetween";
        description = "integer or floating point number between ${builtins.toJSON lowest} and ${builtins.toJSON highest} (both inclusive)";
      };
      nonnegative = addCheck number (x: x >= 0) // { name = "numberNonnegative"; description = "nonnegative integer or floating point number, meaning >=0"; descriptionClass = "nonRestrictiveClause"; };
      positive = addCheck number (x: x > 0) // { name = "numberPositive"; description = "positive integer or floating point number, meaning >0"; descriptionClass = "nonRestrictiveClause"; };
    };
    raw = mkOptionType { name = "raw"; description = "raw value"; descriptionClass = "noun"; merge = mergeOneOption; };
    boolByOr = mkOptionType { name = "boolByOr"; description = "boolean (merged using or)"; descriptionClass = "noun"; check = isBool; merge = loc: defs: any (d: d.value) defs; };
    inherit addCheck;
    str = mkOptionType { name = "str"; description = "string"; descriptionClass = "noun"; check = isString; merge = mergeEqualOption; };
    nonEmptyStr = str // { name = "nonEmptyStr"; description = "non-empty string"; check = x: isString x && builtins.match "[ \t\n]*" x == null; };
    strMatching = pattern: str // {
      name = "strMatching ${builtins.toJSON pattern}";
      description = "string matching the pattern ${pattern}";
      check = x: isString x && builtins.match pattern x != null;
    };
    singleLineStr = mkOptionType {
      name = "singleLineStr";
      description = "(optionally newline-terminated) single-line string";
      descriptionClass = "noun";
      check = x: isString x && builtins.match "[^\n\r]*\n?" x != null;
      merge = loc: defs:
        let s = mergeEqualOption loc defs; n = builtins.stringLength s; in
        if n > 0 && builtins.substring (n - 1) 1 s == "\n" then builtins.substring 0 (n - 1) s else s;
    };
    passwdEntry = entryType: addCheck entryType (x: builtins.match "[^:\n]*" x != null) // {
      name = "passwdEntry ${entryType.name}";
      description = "${phrase (c: c == "noun") entryType}, not containing newlines or colons";
      descriptionClass = "nonRestrictiveClause";
    };
    separatedString = sep: mkOptionType {
      name = "separatedString";
      description = "strings concatenated with ${builtins.toJSON sep}";
      descriptionClass = "noun";
      check = isString;
      merge = loc: defs: concatStringsSep sep (map (d: d.value) defs);
    };
    lines = separatedString "\n";
    commas = separatedString ",";
    envVar = separatedString ":";
    attrs = mkOptionType {
      name = "attrs";
      description = "attribute set";
      check = isAttrs;
      merge = loc: foldl' (res: def: res // def.value) { };
      emptyValue = { value = { }; };
    };
    package = mkOptionType { name = "package"; descriptionClass = "noun"; check = x: isDerivation x || isStorePath x; merge = mergeOneOption; };
    path = mkOptionType {
      name = "path";
      description = "absolute path";
      descriptionClass = "noun";
      check = x: isStringLike x && builtins.substring 0 1 (toString x) == "/";
      merge = mergeEqualOption;
    };
    pathInStore = path // {
      description = "path in the Nix store";
      check = x: isStringLike x && builtins.substring 0 (builtins.stringLength builtins.storeDir + 1) (toString x) == "${builtins.storeDir}/";
    };
    deferredModule = mkOptionType {
      name = "deferredModule";
      description = "module";
      descriptionClass = "noun";
      check = x: isAttrs x || isFunction x || path.check x;
      merge = loc: defs: { imports = map (d: d.value) defs; };
    };
    functionTo = elemType: mkOptionType {
      name = "functionTo";
      description = "function that evaluates to a(n) ${phrase (c: c == "noun" || c == "composite") elemType}";
      descriptionClass = "composite";
      check = isFunction;
      merge = loc: defs: callerArgs:
        (mergeDefinitions (loc ++ [ "<function body>" ]) elemType (map (fn: { inherit (fn) file; value = fn.value callerArgs; }) defs)).mergedValue;
      nestedTypes.elemType = elemType;
    };
    coercedTo = coercedType: coerceFunc: finalType: mkOptionType {
      name = "coercedTo";
      description = "${phrase (c: c == "noun") finalType} or ${phrase (c: c == "noun") coercedType} convertible to it";
      check = x: (coercedType.check x && finalType.check (coerceFunc x)) || finalType.check x;
      merge = loc: defs:
        let coerceVal = val: if coercedType.check val then coerceFunc val else val; in
        finalType.merge loc (map (def: def // { value = coerceVal def.value; }) defs);
      emptyValue = finalType.emptyValue;
      nestedTypes = { inherit coercedType finalType; };
    };
    listOf = elemType: mkOptionType {
      name = "listOf";
      description = "list of ${phrase (c: c == "noun" || c == "composite") elemType}";
      descriptionClass = "composite";
      check = isList;
      merge = loc: defs: map (x: x.value) (filter (x: x ? value) (concatLists (imap1 (n: def: imap1 (m: value:
        (mergeDefinitions (loc ++ [ "[definition ${toString n}-entry ${toString m}]" ]) elemType [ { inherit (def) file; inherit value; } ]).optionalValue
      ) def.value) defs)));
      emptyValue = { value = [ ]; };
      nestedTypes.elemType = elemType;
    };
    nonEmptyListOf = elemType:
      let list = addCheck (listOf elemType) (l: l != [ ]); in
      list // { description = "non-empty ${phrase (c: c == "noun") list}"; emptyValue = { }; };
    attrsOf = elemType: mkOptionType {
      name = "attrsOf";
      description = "attribute set of ${phrase (c: c == "noun" || c == "composite") elemType}";
      descriptionClass = "composite";
      check = isAttrs;
      merge = loc: defs: mapAttrs (n: v: v.value) (filterAttrs (n: v: v ? value) (zipAttrsWith
        (name: defs: (mergeDefinitions (loc ++ [ name ]) elemType defs).optionalValue)
        (map (def: mapAttrs (n: value: { inherit (def) file; inherit value; }) def.value) defs)));
      emptyValue = { value = { }; };
      nestedTypes.elemType = elemType;
    };
    lazyAttrsOf = elemType: attrsOf elemType // {
      name = "lazyAttrsOf";
      description = "lazy attribute set of ${phrase (c: c == "noun" || c == "composite") elemType}";
    };
    nullOr = elemType: mkOptionType {
      name = "nullOr";
      description = "null or ${phrase (c: c == "noun" || c == "conjunction") elemType}";
      descriptionClass = "conjunction";
      check = x: x == null || elemType.check x;
      merge = loc: defs:
        let nulls = length (filter (d: d.value == null) defs); in
        if nulls == length defs then null
        else if nulls != 0 then throw "The option `${showOption loc}` is defined both null and not null, in ${showFiles (map (d: d.file) defs)}."
        else elemType.merge loc defs;
      emptyValue = { value = null; };
      nestedTypes.elemType = elemType;
    };
    enum = values:
      let show = v: if isString v then ''"${v}"'' else if isInt v then toString v else if isBool v then (if v then "true" else "false") else "<${typeOf v}>"; in
      mkOptionType {
        name = "enum";
        description =
          if values == [ ] then "impossible (empty enum)"
          else if length values == 1 then "value ${show (head values)} (singular enum)"
          else "one of ${concatStringsSep ", " (map show values)}";
        descriptionClass = if length values < 2 then "noun" else "conjunction";
        check = v: elem v values;
        merge = mergeEqualOption;
      };
    either = t1: t2: mkOptionType {
      name = "either";
      description =
        if t1.descriptionClass or null == "nonRestrictiveClause"
        then "${t1.description}, or ${phrase (c: c == "noun" || c == "conjunction") t2}"
        else "${phrase (c: c == "noun" || c == "conjunction") t1} or ${phrase (c: c == "noun" || c == "conjunction" || c == "composite") t2}";
      descriptionClass = "conjunction";
      check = x: t1.check x || t2.check x;
      merge = loc: defs:
        let values = map (d: d.value) defs; in
        if all t1.check values then t1.merge loc defs
        else if all t2.check values then t2.merge loc defs
        else mergeOneOption loc defs;
      nestedTypes = { left = t1; right = t2; };
    };
    oneOf = ts: if ts == [ ] then throw "types.oneOf needs to get at least one type in its argument" else foldl' either (head ts) (tail ts);
    submodule = modules:
      let
        base = evalModules { modules = toList modules; specialArgs.name = "‹name›"; };
      in
      mkOptionType {
        name = "submodule";
        description = base.freeformType.description or "submodule";
        check = x: isAttrs x || isFunction x || types.path.check x;
        merge = loc: defs: (evalModules {
          prefix = loc;
          specialArgs.name = last loc;
          modules = toList modules ++ map (d:
            if isAttrs d.value then { _file = d.file; config = d.value; } else { _file = d.file; imports = [ d.value ]; }
          ) defs;
        }).config;
        emptyValue = { value = { }; };
      };
  };

  # evalModules (lib/modules.nix): collect the modules, merge declarations and definitions level by
  # level, then tie the knot: `config` is built from the options, and modules are applied to it.
  evalModules = { modules, specialArgs ? { }, prefix ? [ ] }:
    let
      moduleArgs = { inherit lib config options specialArgs; } // specialArgs;

      unify = file: key: m:
        let
          structured = m ? config || m ? options;
          extra = removeAttrs m [ "_class" "_file" "key" "imports" "options" "config" "freeformType" ];
        in
        if !isAttrs m then throw "module ${file} (${key}) does not look like a module."
        else if structured && extra != { } then throw "Module `${key}' has an unsupported attribute `${head (attrNames extra)}'. This is caused by introducing a top-level `config' or `options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${toString (attrNames extra)}) into the explicit `config' attribute."
        else {
          _file = toString (m._file or file);
          key = toString (m.key or key);
          imports = m.imports or [ ];
          options = m.options or { };
          config = if structured then m.config or { } else extra;
          freeformType = m.freeformType or null;
        };

      load = file: key: m:
        if isPath m || isString m then load (toString m) (toString m) (import m)
        else if isFunction m then unify file key (m moduleArgs)
        else unify file key m;

      collected = genericClosure {
        startSet = imap1 (n: m: { key = "root:${toString n}"; module = load "<unknown-file>" "root:${toString n}" m; }) modules;
        operator = item: imap1 (n: m:
          let module = load item.module._file "${item.module.key}:anon-${toString n}" m; in
          { key = if isPath m || isString m then toString m else module.key; inherit module; }
        ) item.module.imports;
      };
      # Merged last-collected first, as nixpkgs does (`mergeModules prefix (reverseList …)`).
      loaded = reverseList (map (item: item.module) collected);

      freeformTypes = filter (t: t != null) (map (m: m.freeformType) loaded);
      freeformType = if freeformTypes == [ ] then null else head freeformTypes;

      merged = mergeLevel prefix
        (map (m: { inherit (m) _file; inherit (m) options; }) loaded)
        (concatMap (m: map (config: { file = m._file; inherit config; }) (pushDownProperties m.config)) loaded);

      options = merged.options;
      declaredConfig = mapAttrsRecursiveCond (v: !isOption v) (_: opt: opt.value) options;
      unmatched = merged.unmatched;
      config =
        if unmatched == [ ] then declaredConfig
        else if freeformType != null then
          recursiveUpdate
            (freeformType.merge prefix (map (d: { inherit (d) file; value = setAttrByPath d.prefix d.value; }) unmatched))
            declaredConfig
        else
          let first = head unmatched; in
          throw "The option `${showOption (prefix ++ first.prefix)}' does not exist. Definition values:${showDefs [ first ]}";
    in
    { inherit options config freeformType; };

  # One level of the option tree: `decls` are { _file, options } and `defs` are { file, config },
  # both at `loc`. Returns the options below `loc` and the definitions no declaration matched.
  mergeLevel = loc: decls: defs:
    let
      declsByName = zipAttrsWith (n: v: v) (map (d: mapAttrs (n: options: { inherit (d) _file; inherit options; }) d.options) decls);
      defsByName = zipAttrsWith (n: v: v) (map (d: mapAttrs (n: value: { inherit (d) file; inherit value; }) d.config) defs);
      results = mapAttrs (name: nameDecls:
        let
          here = loc ++ [ name ];
          nameDefs = defsByName.${name} or [ ];
          optionDecls = filter (d: isOption d.options) nameDecls;
        in
        if optionDecls == [ ] then
          mergeLevel here nameDecls (concatMap (d: map (config: { inherit (d) file; inherit config; }) (pushDownProperties d.value)) nameDefs)
        else if length nameDecls == 1 then
          { options = evalOption here (head nameDecls) nameDefs; unmatched = [ ]; }
        else throw "lib-double: the option `${showOption here}' is declared more than once (in ${showFiles (map (d: d._file) nameDecls)}); the double does not merge declarations"
      ) declsByName;
      undeclared = filter (name: !(declsByName ? ${name})) (attrNames defsByName);
    in
    {
      options = mapAttrs (n: r: r.options) results;
      unmatched =
        concatMap (name: map (d: d // { prefix = [ name ] ++ d.prefix; }) results.${name}.unmatched) (attrNames results)
        ++ concatMap (name: map (d: { inherit (d) file value; prefix = [ name ]; }) defsByName.${name}) undeclared;
    };

  evalOption = loc: decl: defs:
    let
      opt = decl.options;
      type = opt.type or types.unspecified;
      withDefault = defs ++ optional (opt ? default) { file = decl._file; value = mkOptionDefault opt.default; };
      res = mergeDefinitions loc type withDefault;
    in
    opt // {
      inherit loc type;
      inherit (res) isDefined;
      value = if opt ? apply then opt.apply res.mergedValue else res.mergedValue;
      highestPrio = res.filtered.highestPrio;
      declarations = [ decl._file ];
      files = map (d: d.file) res.defsFinal;
      definitions = map (d: d.value) res.defsFinal;
    };

  # What generated files call, plus what nix/eval.nix and the tests use.
  lib = {
    inherit
      optional optionals optionalString optionalAttrs last reverseList recursiveUpdate setAttrByPath
      concatStringsSep mapAttrs
      mkIf mkMerge mkOverride mkOptionDefault mkDefault mkForce
      mkOption mkEnableOption isOption mkOptionType types evalModules
      ;
  };
in
lib
