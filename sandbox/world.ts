/** One emulated WeChat: state, tokens, the rate limit, the rule endpoints, platforms and injected faults, reset together. */
import { FaultBook } from "./faults";
import { PlatformService } from "./platform";
import { RuleService } from "./rules";
import { SandboxState } from "./state";
import { RateLimiter, TokenService } from "./tokens";
import type { SandboxSeed } from "./types";

export class SandboxWorld {
  readonly state = new SandboxState();
  readonly tokens = new TokenService(this.state);
  readonly limiter = new RateLimiter(this.state);
  readonly rules = new RuleService(this.state);
  readonly platforms = new PlatformService(this.state, this.tokens);
  readonly faults = new FaultBook();

  /** Replaces all state but the clock: accounts, platforms, rules, tokens, codes, rids, faults, the call log. */
  reset(seed: SandboxSeed): void {
    this.state.reset(seed);
    this.tokens.clear();
    this.limiter.clear();
    this.platforms.clear();
    this.faults.clear();
    for (const platform of this.state.platforms.values())
      if (platform.autoTicket && platform.eventUrl) this.platforms.startTimedTickets(platform);
  }

  snapshot(): Record<string, unknown> {
    return this.state.snapshot({
      tokensOf: (appid) => this.tokens.validCount(appid),
      faults: this.faults.list(),
    });
  }
}
