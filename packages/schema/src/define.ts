// Identity functions that exist for their types: an editor completes every field and a misspelt
// field is a type error, before anything runs. Not generic on purpose: excess-property checks only
// apply to a literal checked against a concrete type.
import type { HomelabConfigInput } from "./config.js";
import type { MachineInput } from "./machine.js";
import type { ServiceModuleInput } from "./module.js";
import type { ProfileInput } from "./profile.js";
import type { SecretInput } from "./secrets.js";

export function defineConfig(config: HomelabConfigInput): HomelabConfigInput {
  return config;
}

export function defineMachine(machine: MachineInput): MachineInput {
  return machine;
}

export function defineModule(module: ServiceModuleInput): ServiceModuleInput {
  return module;
}

export function defineProfile(profile: ProfileInput): ProfileInput {
  return profile;
}

export function defineSecret(secret: SecretInput): SecretInput {
  return secret;
}
