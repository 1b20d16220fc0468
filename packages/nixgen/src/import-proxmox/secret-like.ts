// What is never copied from /etc/pve into a config that ends up in git: cloud-init's `cipassword`, and
// any key or property-string part whose name says password, secret or token, or a value that holds
// private key material. The key is named in a warning; its value appears nowhere.
const secretName = /pass(word|wd)?|secret|token|api[-_]?key|private/i;

export function looksSecret(key: string, value: string): boolean {
  if (secretName.test(key)) return true;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return true;
  return value.split(",").some((part) => {
    const named = /^([^=]+)=/.exec(part);
    return named !== null && secretName.test(named[1] as string);
  });
}
