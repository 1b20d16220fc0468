// Types that NixOS modules (not lib/types.nix) define and describe in words that say nothing about
// their structure. Each entry names the phrase the manual prints, says what the module declares, and
// gives the phrase of the `lib.types` type that stands in for it (read by the same parser). Where the
// module's own check cannot be written with lib.types, the stand-in is the closest type that accepts
// every value the module accepts: looser, never stricter.

/** Phrases that stay untyped, because NixOS itself checks nothing there. */
export const untypedPhrases: ReadonlySet<string> = new Set([
  "unspecified value",
  "raw value",
  "anything",
  // The manual prints `?` for options declared without a type (read-only or internal, e.g. system.build.toplevel).
  "?",
  // nixos/lib/systemd-unit-options.nix: `unitOption = mkOptionType { name = "systemd option"; merge = …; }`, no check.
  "systemd option",
]);

const table: Readonly<Record<string, string>> = {
  "?": "unspecified value",
  "systemd option": "unspecified value",

  // pkgs/pkgs-lib/formats.nix, whose types override their descriptions.
  "INI atom (null, bool, int, float or string)": "null or (boolean or signed integer or floating point number or string)",
  "atom (null, bool, int, float or string)": "null or (boolean or signed integer or floating point number or string)",
  // formats.keyValue with listsAsDuplicateKeys, for a module that leaves out null and float.
  "atom (bool, int or string)": "boolean or signed integer or string",
  // formats.hocon/php/elixir/python/libconfig: recursive values with format-specific extras (HOCON
  // includes, PHP mixed arrays, Elixir atoms and tuples), which are attribute sets; a JSON value holds them.
  "HOCON value": "JSON value",
  "PHP value": "JSON value",
  "Elixir value": "JSON value",
  "Python value": "JSON value",
  "libconfig value": "JSON value",
  // formats.elixirConf's `mkRaw`/`mkTuple` results: attribute sets tagged with `_elixirType`.
  "raw elixir": "attribute set",
  "elixir tuple": "attribute set",

  // nixos/modules/config/nix.nix `confAtom`.
  "Nix config atom (null, bool, int, float, str, path or package)": "null or (boolean or signed integer or floating point number or string or path or package)",
  // nixos/modules/config/sysctl.nix: bool, string, int or null (or an override of one).
  "sysctl option value": "null or (boolean or string or signed integer)",
  // nixos/modules/config/locale.nix: `addCheck str nospace` (no " " in it).
  "string without spaces": "string matching the pattern [^ ]*",
  // services.mosquitto: `strMatching "[^\r\n]*"`.
  "single-line string": "string matching the pattern [^\r\n]*",
  "string without line breaks or quotes": 'string matching the pattern [^\n"]*',
  // services.minecraft-server: a UUID pattern.
  "Minecraft UUID":
    "string matching the pattern [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
  // services.displayManager.defaultSession: a string the module checks against the installed sessions.
  "session name": "string",
  // Strings the modules check with their own functions (address parsers, duration and mode syntax).
  "Network prefix in CIDR notation": "string",
  "IPv4 or IPv6 address": "string",
  "absolute path or IPv4 or IPv6 address": "string",
  "Go duration (https://golang.org/pkg/time/#ParseDuration)": "string",
  "file mode string": "string",
  "tmpfiles.d(5) age format": "string",
  "string of the form number{b|k|M|G}": "string",
  "string containing all of the characters %Y, %m, %d, %H, %M, %S": "string",
  "string containing either a number or a range": "string",
  "string starting with / or ~/": "string",
  "printable string without spaces, # and /": "string",
  "string, with spaces inside double quotes": "string",
  "key ID prefixed with KEY_": "string",
  "coderepo names": "string",
  "configured template name": "string",
  "PKCS#11 URI": "string",
  // Packages the modules check further (an engine, a plug-in, a component, a session provider).
  "ibus-engine": "package",
  "NetworkManager plug-in": "package",
  "package that is a Home Assistant component": "package",
  "package with provided sessions": "package",
  // Numbers with a module's own bound.
  "nonnegative floating point number, meaning >=0": "floating point number",
  "nonzero signed integer, meaning !=0": "signed integer",
  "integer of at least 16 bits": "signed integer",
  "3×3 matrix of floating point numbers": "list of (list of floating point number)",
  "tuple of (unsigned integer, meaning >=0, or one of \"level auto\", \"level full-speed\", \"level disengaged\") (unsigned integer, meaning >=0) (unsigned integer, meaning >=0)":
    "list of (signed integer or string)",
  // Unions the modules spell in prose.
  "int, bool, string or list of them": "signed integer or boolean or string or list of (signed integer or boolean or string)",
  "string, path, bool, or integer": "string or path or boolean or signed integer",
  "string, package, bool, int or float": "string or package or boolean or signed integer or floating point number",
  "string or instances of this type recursively": "string or (attribute set)",
  "LDAP value - either a string, or an attrset containing `path` or `base64` for included values or base-64 encoded values respectively.":
    "string or (attribute set)",
  "Json value or lambda": "JSON value or function that evaluates to a(n) JSON value",
  // services.akkoma: `{ _secret = path; }` attribute sets.
  "secret value": "attribute set",
  // Recursive settings types of single modules (attribute sets of scalars, lists and nested sets).
  "znc values (null, atoms (str, int, bool), list of atoms, or attrsets of znc values)": "JSON value",
  "davmail config type (str, int, bool or attribute set thereof)": "JSON value",
  "limesurvey config type (str, int, bool or attribute set thereof)": "JSON value",
  "unbound.conf configuration type. The format consist of an attribute set of settings. Each settings can be either one value, a list of values or an attribute set. The allowed values are integers, strings, booleans or floats.":
    "JSON value",
  "privoxy configuration type. The format consists of an attribute set of settings. Each setting can be either a value (integer, string, boolean or path) or a list of such values.":
    "JSON value",
  "ncdns.conf configuration type. The format consists of an attribute set of settings. Each setting can be either `null`, a value or an attribute set. The allowed values are integers, strings, booleans or paths.":
    "JSON value",
  "libconfig configuration. The format consists of an attributes set (called a group) of settings. Each setting can be a scalar type (boolean, integer, floating point number or string), a list of scalars or a group itself":
    "JSON value",
  "`coolwsd.xml` configuration type, used to override values in the default configuration.": "JSON value",
  "freeciv-server params": "JSON value",
  "Traffic Server records value": "JSON value",
  "settings option": "JSON value",
  // services.moosefs: formats.keyValue-like sections.
  "Flat key-value file": "attribute set of (null or boolean or signed integer or floating point number or string or list of string)",
  // Attribute sets the modules check as a whole: a nixpkgs evaluation, its config, a NixOS
  // configuration (containers), sanoid's dataset options, and attrTag's one-key sets (misskey).
  "An evaluation of Nixpkgs; the top level attribute set of packages": "attribute set",
  "nixpkgs config": "attribute set or function that evaluates to a(n) attribute set",
  "Toplevel NixOS config": "submodule",
  "dataset/template options": "submodule",
  "attribute-tagged union": "attribute set",
  // nixpkgs.overlays: `mkOptionType { check = isFunction; }`, a function of final and prev.
  "nixpkgs overlay": "function that evaluates to a(n) function that evaluates to a(n) attribute set",
};

/** The table's phrases that contain ` or `, which a split at ` or ` must not cut. */
export const customPhrasesWithOr: readonly string[] = Object.keys(table).filter((phrase) => phrase.includes(" or "));

/** The stand-in phrase for a module's own type, or undefined when `description` is not one. */
export function customType(description: string): string | undefined {
  return Object.hasOwn(table, description) ? table[description] : undefined;
}
