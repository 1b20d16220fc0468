// Which encrypted files must be re-encrypted after a change of who may read them. An .age file is
// encrypted to the keys its rule named when it was last written; changing secrets.nix changes nothing
// in the file itself. A reader added cannot decrypt it until it is re-encrypted; a reader removed
// still can (and can decrypt every copy already made, in git history too) until it is re-encrypted
// and the secret itself is changed.
import { compare, type ReviewModel } from "./model.js";

export interface Rekey {
  readonly secret: string;
  /** Relative to the output directory, e.g. `secrets/grafana-admin-password.age`. */
  readonly file: string;
  readonly readersAdded: readonly string[];
  readonly readersRemoved: readonly string[];
  /** Readers kept whose public key changed. */
  readonly keysChanged: readonly string[];
}

/** Every secret present in both models whose readers, or whose readers' keys, changed; by secret name. */
export function rekeyList(before: ReviewModel, after: ReviewModel): Rekey[] {
  return Object.entries(after.secrets)
    .sort(([a], [b]) => compare(a, b))
    .flatMap(([name, now]) => {
      const old = before.secrets[name];
      if (old === undefined) return [];
      const readersAdded = now.readers.filter((reader) => !old.readers.includes(reader));
      const readersRemoved = old.readers.filter((reader) => !now.readers.includes(reader));
      const keysChanged = now.readers.filter(
        (reader) => old.readers.includes(reader) && before.keys[reader] !== undefined && before.keys[reader] !== after.keys[reader],
      );
      if (readersAdded.length + readersRemoved.length + keysChanged.length === 0) return [];
      return [{ secret: name, file: now.file, readersAdded, readersRemoved, keysChanged }];
    });
}
