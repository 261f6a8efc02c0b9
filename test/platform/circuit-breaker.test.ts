import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState } from '../../electron/net/circuit-breaker.ts';
import { ManualClock } from '../support/clock.ts';

const options = { failureThreshold: 3, openMs: 1_000, maxOpenMs: 4_000 };

function setup(probeResults: boolean[]) {
  const clock = new ManualClock(0);
  const states: BreakerState['state'][] = [];
  let probes = 0;
  const breaker = new CircuitBreaker(options, clock, async () => {
    probes++;
    return probeResults.shift() ?? false;
  }, (s) => states.push(s.state));
  return { clock, breaker, states, probes: () => probes };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('CircuitBreaker', () => {
  it('stays closed below the failure threshold and a success resets the count', () => {
    const { breaker } = setup([]);
    breaker.recordFailure('a');
    breaker.recordFailure('b');
    breaker.recordSuccess();
    breaker.recordFailure('c');
    breaker.recordFailure('d');
    expect(breaker.allows()).toBe(true);
  });

  it('opens at the threshold and refuses requests', () => {
    const { breaker, states } = setup([]);
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    expect(breaker.allows()).toBe(false);
    expect(breaker.state).toMatchObject({ state: 'open', lastFailure: 'c', nextProbeAt: 1_000 });
    expect(states).toEqual(['open']);
  });

  it('probes after openMs and closes on success', async () => {
    const { breaker, clock, states, probes } = setup([true]);
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    clock.advance(999);
    expect(probes()).toBe(0);
    clock.advance(1);
    await settle();
    expect(probes()).toBe(1);
    expect(breaker.allows()).toBe(true);
    expect(states).toEqual(['open', 'probing', 'closed']);
  });

  it('doubles the probe interval after each failed probe, up to maxOpenMs', async () => {
    const { breaker, clock, probes } = setup([false, false, false, false]);
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    const probeTimes: number[] = [];
    for (let t = 0; t < 16_000; t += 500) {
      const before = probes();
      clock.advance(500);
      await settle();
      if (probes() > before) probeTimes.push(clock.now());
    }
    expect(probeTimes).toEqual([1_000, 3_000, 7_000, 11_000, 15_000]);
    expect(breaker.allows()).toBe(false);
  });

  it('only a probe closes an open circuit: late successes of requests already in flight do not', () => {
    const { breaker } = setup([]);
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    breaker.recordSuccess();
    expect(breaker.allows()).toBe(false);
  });

  it('treats a probe that throws as a failed probe', async () => {
    const clock = new ManualClock(0);
    const breaker = new CircuitBreaker(options, clock, async () => {
      throw new Error('bug');
    });
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    clock.advance(1_000);
    await settle();
    expect(breaker.state.state).toBe('open');
  });

  it('stops probing once closed', () => {
    const { breaker, clock, probes } = setup([]);
    for (const r of ['a', 'b', 'c']) breaker.recordFailure(r);
    breaker.close();
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(probes()).toBe(0);
  });
});
