/** Faults injected through `/__sandbox/faults`: WeChat's bad days, on demand and reproducible. */
import type { Endpoint, FaultRequest } from "./types";

export interface ActiveFault extends FaultRequest {
  id: number;
  /** Hits left; null for a `rate` fault without `count` (until cleared). */
  remaining: number | null;
  /** Matching calls seen so far (drives `rate`). */
  seen: number;
  hits: number;
}

// The epsilon keeps float noise (3 × 0.1 = 0.30000000000000004) from shifting a hit.
const hitsAfter = (calls: number, rate: number): number => Math.ceil(calls * rate - 1e-9);

export class FaultBook {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(request: FaultRequest): ActiveFault {
    const fault: ActiveFault = {
      ...request,
      id: this.nextId++,
      remaining: request.count ?? (request.rate === undefined ? 1 : null),
      seen: 0,
      hits: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /**
   * The fault that hits this call, if any; the first matching one wins. A
   * `rate` is applied deterministically, so tests are reproducible: of the
   * first n matching calls, exactly ⌈n·rate⌉ are hit (0.5 → 1st, 3rd, 5th…).
   */
  take(endpoint: Endpoint): ActiveFault | null {
    if (this.faults.length === 0) return null;
    for (const fault of this.faults) {
      if (fault.endpoint !== "*" && fault.endpoint !== endpoint) continue;
      if (fault.remaining !== null && fault.remaining <= 0) continue;
      const seen = fault.seen++;
      if (fault.rate !== undefined && hitsAfter(seen + 1, fault.rate) === hitsAfter(seen, fault.rate))
        continue;
      fault.hits += 1;
      if (fault.remaining !== null) {
        fault.remaining -= 1;
        if (fault.remaining === 0) this.faults = this.faults.filter((other) => other !== fault);
      }
      return fault;
    }
    return null;
  }
}
