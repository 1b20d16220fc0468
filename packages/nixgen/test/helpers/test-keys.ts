// Well-formed public keys for tests that need many distinct ones: the SSH wire format of an ed25519
// key (its type, then 32 key bytes) with every key byte `n`. Not points anyone holds a private key for.
export function ed25519Key(n: number, comment?: string): string {
  const field = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const body = Buffer.concat([field(Buffer.from("ssh-ed25519")), field(Buffer.alloc(32, n))]).toString("base64");
  return comment === undefined ? `ssh-ed25519 ${body}` : `ssh-ed25519 ${body} ${comment}`;
}
