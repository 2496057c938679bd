import { describe, expect, it } from 'vitest';
import { ActivityClock, type Timers } from '../../../renderer/app/activity';

// The UI's auto-lock clock on a hand-driven clock: time moves only when the test says so, timers fire in order.

class ManualTimers implements Timers {
  t = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => void this.pending.delete(h as number);
  /** Moves the clock on by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
  get count(): number {
    return this.pending.size;
  }
}

function setup(idleMs = 60_000, reportEveryMs = 30_000) {
  const timers = new ManualTimers();
  const log: string[] = [];
  const clock = new ActivityClock({
    idleMs,
    reportEveryMs,
    timers,
    onIdle: () => log.push(`idle@${timers.t}`),
    report: () => log.push(`report@${timers.t}`),
  });
  return { timers, log, clock };
}

describe('ActivityClock', () => {
  it('locks once after the idle time without activity', () => {
    const { timers, log } = setup();
    timers.advance(59_999);
    expect(log).toEqual([]);
    timers.advance(1);
    expect(log).toEqual(['idle@60000']);
    timers.advance(600_000);
    expect(log).toEqual(['idle@60000']);
    expect(timers.count).toBe(0);
  });

  it('starts the idle time again on every activity', () => {
    const { timers, log, clock } = setup();
    timers.advance(50_000);
    clock.activity();
    timers.advance(50_000);
    clock.activity();
    timers.advance(59_000);
    expect(log.filter((l) => l.startsWith('idle'))).toEqual([]);
    timers.advance(1_000);
    expect(log.filter((l) => l.startsWith('idle'))).toEqual(['idle@160000']);
  });

  it('reports at most once per interval, and a trailing report carries the last burst', () => {
    const { timers, log, clock } = setup(600_000, 30_000);
    // Sign-in counts as a report at 0: activity at 10 s waits until 30 s.
    timers.advance(10_000);
    clock.activity();
    clock.activity();
    timers.advance(5_000);
    clock.activity();
    expect(log).toEqual([]);
    timers.advance(15_000);
    expect(log).toEqual(['report@30000']);
    // Quiet: nothing is reported.
    timers.advance(100_000);
    expect(log).toEqual(['report@30000']);
    // Activity long after the last report goes at once.
    clock.activity();
    expect(log).toEqual(['report@30000', 'report@130000']);
  });

  it('does nothing more once stopped (signed out, or locked by hand)', () => {
    const { timers, log, clock } = setup();
    timers.advance(20_000);
    clock.activity();
    clock.stop();
    clock.activity();
    timers.advance(600_000);
    expect(log).toEqual([]);
    expect(timers.count).toBe(0);
  });
});
