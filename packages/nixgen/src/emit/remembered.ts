// Values worked out from a parsed config (or a part of it), which is never changed once parsed, and
// asked for by several files: each is computed once per object and forgotten with it.

/** `compute`, run once per key object. */
export function rememberedPer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/** `compute`, run once per key object and name. */
export function rememberedPerName<K extends object, V>(compute: (key: K, name: string) => V): (key: K, name: string) => V {
  const byName = rememberedPer((_: K) => new Map<string, V>());
  return (key, name) => {
    const known = byName(key);
    if (known.has(name)) return known.get(name) as V;
    const value = compute(key, name);
    known.set(name, value);
    return value;
  };
}
