/** A frozen configuration for service tests: everything under `home`, nothing read from the user's files. */
import { defaultConfig, type TonearmConfig } from "../../config/load-config.js";

export function testConfig(home: string, overrides: Partial<TonearmConfig> = {}): TonearmConfig {
  return Object.freeze({ ...defaultConfig({ home }), home, jobs: 1, jobMaxAttempts: 2, ...overrides });
}
