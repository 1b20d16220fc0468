// Names for the public keys an imported file lists. Evaluation hands back bare key strings; the
// file's `let` bindings say what the author called them (`admin = "ssh-ed25519 …"`, `masterKeys = [
// … ]`). A list equal to a bound list becomes a reference to that group; a key without a binding is
// named after its comment (`abl030@framework` → `abl030-framework`). Shared by every file of one import.
import { name as nameSchema, publicKey } from "@homelab/schema/internal";
import type { KeysInput } from "@homelab/schema";
import type { NixAttrs } from "./nix-data.js";

interface Bound {
  readonly singles: ReadonlyMap<string, string>;
  readonly lists: readonly (readonly [name: string, keys: readonly string[]])[];
}

export class KeyRegistry {
  private readonly users = new Map<string, string>();
  private readonly hosts = new Map<string, string>();
  private readonly groups = new Map<string, string[]>();
  private readonly nameOf = new Map<string, string>();
  private readonly hints = new Map<string, string>();

  /** `machines`: key names that are machine names go to keys.hosts (a machine's host key). */
  constructor(private readonly machines: ReadonlySet<string>) {}

  /**
   * Binding names of single keys from every imported file, so that a key one file lists literally
   * still gets the name another file binds it to (hosts.nix rarely names keys; secrets.nix does).
   */
  hint(lets: NixAttrs | undefined): void {
    for (const [key, name] of boundKeys(lets, this).singles) if (!this.hints.has(key)) this.hints.set(key, name);
  }

  isKey(value: unknown): value is string {
    return typeof value === "string" && publicKey.safeParse(value).success;
  }

  /**
   * Registry names for `keys`, in order: bound lists where they match a run of keys (longest first;
   * a one-key list only where no single binding names the key), then bound single keys, then new names.
   */
  refs(keys: readonly string[], lets: NixAttrs | undefined, context: string): string[] {
    const bound = boundKeys(lets, this);
    // The whole list is a bound list (`authorizedKeys = fleetKeys;`, even of one key): that name.
    const whole = bound.lists.find(([, members]) => sameList(members, keys));
    if (whole !== undefined) return [this.group(whole[0], whole[1], bound)];
    const refs: string[] = [];
    for (let i = 0; i < keys.length;) {
      const key = keys[i] as string;
      const list = bound.lists
        .filter(([, members]) => members.length > 0 && members.every((member, j) => keys[i + j] === member))
        .sort(([, a], [, b]) => b.length - a.length)[0];
      if (list !== undefined && (list[1].length > 1 || !bound.singles.has(key))) {
        refs.push(this.group(list[0], list[1], bound));
        i += list[1].length;
      } else {
        refs.push(this.single(key, bound.singles.get(key), `${context}-${i + 1}`));
        i += 1;
      }
    }
    return refs;
  }

  toInput(): KeysInput {
    return {
      ...(this.users.size === 0 ? {} : { users: Object.fromEntries(this.users) }),
      ...(this.hosts.size === 0 ? {} : { hosts: Object.fromEntries(this.hosts) }),
      ...(this.groups.size === 0 ? {} : { groups: Object.fromEntries(this.groups) }),
    };
  }

  get isEmpty(): boolean {
    return this.users.size + this.hosts.size + this.groups.size === 0;
  }

  private group(name: string, keys: readonly string[], bound: Bound): string {
    const members = keys.map((key, i) => this.single(key, bound.singles.get(key), `${name}-${i + 1}`));
    const existing = this.groups.get(name);
    if (existing !== undefined && sameList(existing, members)) return name;
    const unique = this.freeName(name);
    this.groups.set(unique, members);
    return unique;
  }

  private single(key: string, bindingName: string | undefined, fallback: string): string {
    const known = this.nameOf.get(key);
    if (known !== undefined) return known;
    const unique = this.freeName(bindingName ?? this.hints.get(key) ?? commentName(key) ?? fallback);
    (this.machines.has(unique) ? this.hosts : this.users).set(unique, key);
    this.nameOf.set(key, unique);
    return unique;
  }

  /** `name`, or `name-2`, `name-3`…: users, hosts and groups share one namespace (one `let`). */
  private freeName(name: string): string {
    const taken = (candidate: string): boolean =>
      this.users.has(candidate) || this.hosts.has(candidate) || this.groups.has(candidate);
    if (!taken(name)) return name;
    for (let n = 2; ; n++) if (!taken(`${name}-${n}`)) return `${name}-${n}`;
  }
}

/** The file's bindings that hold one key or a list of keys. */
function boundKeys(lets: NixAttrs | undefined, registry: KeyRegistry): Bound {
  const singles = new Map<string, string>();
  const lists: [string, string[]][] = [];
  for (const [name, value] of Object.entries(lets ?? {})) {
    if (!nameSchema.safeParse(name).success) continue;
    if (registry.isKey(value)) {
      if (!singles.has(value)) singles.set(value, name);
    } else if (Array.isArray(value) && value.length > 0 && value.every((item) => registry.isKey(item))) {
      lists.push([name, value as string[]]);
    }
  }
  return { singles, lists };
}

/** `ssh-ed25519 AAAA… abl030@framework` → `abl030-framework`; undefined without a usable comment. */
function commentName(key: string): string | undefined {
  const comment = key.split(" ").slice(2).join(" ");
  const name = comment
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-0-9]+|-+$/g, "");
  return name === "" ? undefined : name;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
