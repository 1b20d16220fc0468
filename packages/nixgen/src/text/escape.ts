// Every escape of the non-Nix text formats (shell, Proxmox config, Markdown), in one place. Each
// function takes a value and returns text that its format reads back as exactly that value, or throws
// `TextValueError` when the format has no way to hold it.

/** A value a text format cannot represent; `where` names the template expression or config field. */
export class TextValueError extends Error {
  override readonly name = "TextValueError";
}

/** What templates may interpolate: text and numbers. Anything else is a bug in the emitter. */
export function text(value: unknown, where: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new TextValueError(`${where}: expected a string or a number, got ${value === null ? "null" : typeof value}`);
}

// Characters no shell treats specially in an argument, so such words stay unquoted for readability
// (`#` starts a comment only at the start of a word: `.#doc2` is safe).
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-][A-Za-z0-9_@%+=:,./#-]*$/;
const CONTROL = /[\x01-\x1f\x7f]/;

/**
 * One shell word that the shell reads back as `value`: safe words as they are (`local-lvm:32`),
 * anything else in single quotes (`'Podman containers dataset'`, `'it'\''s'`). A value holding
 * control characters (newlines) uses bash's `$'…'` instead, so that every generated command stays on
 * one line: a quoted newline would break `#` comments, indentation and Markdown fences around it.
 */
export function shellWord(value: string, where: string): string {
  if (value.includes("\0"))
    throw new TextValueError(`${where}: contains a NUL character, which no shell argument can hold`);
  if (SHELL_SAFE.test(value)) return value;
  if (CONTROL.test(value)) return `$'${value.replace(/[\\'\x01-\x1f\x7f]/g, ansiEscape)}'`;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

const ANSI: Readonly<Record<string, string>> = { "\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r" };

function ansiEscape(char: string): string {
  return ANSI[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`;
}

/**
 * Comment lines for `#`-comment formats (shell, Proxmox config): `# first line`, `# second line`;
 * empty lines become a bare `#`.
 */
export function hashComment(value: string): string {
  return value
    .split(/\r?\n|\r/)
    .map((line) => (line === "" ? "#" : `# ${line}`))
    .join("\n");
}

/**
 * A Proxmox config value: the rest of a `key: value` line. pve-common reads lines with
 * `/^(\S+):\s*(.+?)\s*$/`, so a value cannot hold a line break, be empty or keep outer whitespace.
 */
export function confValue(value: string, where: string): string {
  if (/[\r\n\0]/.test(value))
    throw new TextValueError(
      `${where}: ${JSON.stringify(value)} contains a line break, which a Proxmox config line cannot hold`,
    );
  if (value.trim() === "") throw new TextValueError(`${where}: a Proxmox config value cannot be empty`);
  if (value.trim() !== value)
    throw new TextValueError(`${where}: ${JSON.stringify(value)} has leading or trailing spaces, which Proxmox strips`);
  return value;
}

// CommonMark lets a backslash escape any ASCII punctuation; these are the ones that start inline
// markup (emphasis, code, links, HTML, tables, strikethrough, entities) anywhere in a line.
const MARKDOWN_INLINE = /[\\`*_[\]<>|~&]/g;
// Block markers (`#`, `-`, `+`, `=`, `1.`) only count at the start of a line, where a value may land.

/** Markdown prose: inline markup escaped; line breaks become spaces, as a paragraph would show them. */
export function markdownText(value: string): string {
  const oneLine = value.replace(/[ \t]*(\r?\n|\r)[ \t]*/g, " ");
  const escaped = oneLine.replace(MARKDOWN_INLINE, "\\$&");
  const number = /^\d+(?=[.)])/.exec(escaped);
  if (number !== null) return `${number[0]}\\${escaped.slice(number[0].length)}`;
  return /^[#+=-]/.test(escaped) ? `\\${escaped}` : escaped;
}

/**
 * Markdown inline code showing `value` verbatim: the backtick fence is one longer than the longest
 * run inside, with a space of padding where CommonMark strips one (values starting or ending with a
 * backtick or a space). Code spans cannot hold a line break or be empty.
 */
export function markdownCode(value: string, where: string): string {
  if (/[\r\n]/.test(value))
    throw new TextValueError(`${where}: ${JSON.stringify(value)} contains a line break, which inline code cannot hold`);
  if (value === "") throw new TextValueError(`${where}: inline code cannot be empty`);
  const longest = value.includes("`") ? Math.max(0, ...[...value.matchAll(/`+/g)].map((run) => run[0].length)) : 0;
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(value) && !/^ +$/.test(value) ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** The body of an HTML comment (`<!-- … -->`), which ends at the first `--`. */
export function htmlCommentText(value: string): string {
  return value.replace(/\r?\n|\r/g, " ").replace(/-(?=-)/g, "- ");
}

/** A Markdown code fence around `body`: longer than any backtick run inside, so nothing closes it early. */
export function markdownFence(body: string, info: string): string {
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  const content = body.endsWith("\n") || body === "" ? body : `${body}\n`;
  return `${fence}${info}\n${content}${fence}\n`;
}

/**
 * One whitespace-separated field of a tmpfiles.d(5) line (`d /mnt/my\x20share 0755 abl030 users - -`):
 * fields are read with C-style escapes, and `%` starts a specifier in paths, so `%` is doubled and
 * whitespace, quotes, backslashes and control characters become `\xNN`.
 */
export function tmpfilesField(value: string): string {
  return value.replace(/[%\\"'\x00-\x20\x7f]/g, (char) =>
    char === "%" ? "%%" : `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/**
 * An export path in /etc/exports: exports(5) reads "a backslash followed by the character code as three
 * octal digits" in the path, so whitespace (which ends the path), `"`, `#`, `\` and control characters
 * are written that way: `/srv/my share` → `/srv/my\040share`.
 */
export function exportsPath(value: string): string {
  return value.replace(/[\\"#'\x00-\x20\x7f]/g, (char) => `\\${char.charCodeAt(0).toString(8).padStart(3, "0")}`);
}
