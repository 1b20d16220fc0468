// One shared empty list for the lists a file's data holds one of per machine or container, most of
// them empty: an array each costs its header, one frozen list costs nothing per use.

export const noItems: readonly never[] = Object.freeze([]);

/** `list`, or the shared empty list when it has no items. */
export function listed<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? noItems : list;
}
