// A parsed config from a small literal, for emitter tests: the schema fills in defaults. The semantic
// checks are left out on purpose, so a test can hold just the part an emitter reads.
import { homelabConfig } from "../../../schema/src/config.js";
import type { HomelabConfig, HomelabConfigInput } from "@homelab/schema";

export function homelab(input: HomelabConfigInput): HomelabConfig {
  return homelabConfig.parse(input);
}
