// Where text for people goes: the CLI hands the process's streams to the commands and reports, a test
// hands a string buffer.

/** Where a command prints. `color` is true only when the stream is a terminal and NO_COLOR is unset. */
export interface Stream {
  readonly color: boolean;
  write(text: string): void;
}
