// `gen` over several output directories writes all of them or none: each target runs up to its gate
// (config valid, user files present) in turn; once every target has reached it, they go past it in
// turn, or, if one failed, none does. Turns keep the output in target order and one target in memory.

/** Thrown at a gate when another target failed: nothing of this target is written. */
export class Stopped extends Error {
  override readonly name = "Stopped";
}

export class AllOrNone {
  // Turn i (i < count): target i runs up to its gate; turn count + i: target i goes past it.
  private readonly turns: (() => void)[] = [];
  private readonly waits: Promise<void>[] = [];
  private failed = false;

  constructor(private readonly count: number) {
    for (let turn = 0; turn <= 2 * count; turn++) this.waits.push(new Promise((resolve) => this.turns.push(resolve)));
    this.turns[0]?.();
  }

  /** Resolves when target `i` may start. */
  start(i: number): Promise<void> {
    return this.waits[i] as Promise<void>;
  }

  /** Target `i` is at its gate: the next one starts. Resolves when it may go past, throws `Stopped` if a target failed. */
  async gate(i: number): Promise<void> {
    this.turns[i + 1]?.();
    await this.waits[this.count + i];
    if (this.failed) throw new Stopped();
  }

  /** Target `i` is done, past its gate or failed (`ok: false`) before or after it: the next one may go on. */
  done(i: number, ok: boolean): void {
    if (!ok) this.failed = true;
    this.turns[i + 1]?.();
    this.turns[this.count + i + 1]?.();
  }
}
