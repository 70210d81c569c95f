/** One emulated WeChat: state, tokens, the rate limit, the rule endpoints and injected faults, reset together. */
import { FaultBook } from "./faults";
import { RuleService } from "./rules";
import { SandboxState } from "./state";
import { RateLimiter, TokenService } from "./tokens";
import type { SandboxSeed } from "./types";

export class SandboxWorld {
  readonly state = new SandboxState();
  readonly tokens = new TokenService(this.state);
  readonly limiter = new RateLimiter(this.state);
  readonly rules = new RuleService(this.state);
  readonly faults = new FaultBook();

  /** Replaces all state but the clock: accounts, rules, tokens, rids, faults, the call log. */
  reset(seed: SandboxSeed): void {
    this.state.reset(seed);
    this.tokens.clear();
    this.limiter.clear();
    this.faults.clear();
  }

  snapshot(): Record<string, unknown> {
    return this.state.snapshot({
      tokensOf: (appid) => this.tokens.validCount(appid),
      faults: this.faults.list(),
    });
  }
}
