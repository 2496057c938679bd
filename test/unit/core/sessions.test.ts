// Sessions per connection (src/core/sessions.ts): signing in, locking by hand, by inactivity and by the OS, and
// resuming; a CLI session does not lock itself, a UI session does.
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../../src/core/sessions';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('sessions', () => {
  it('knows who is signed in on which connection, and nobody elsewhere', () => {
    const s = new Sessions();
    s.signIn('a', 'jdevries', true);
    expect(s.active('a', 60_000)).toBe('jdevries');
    expect(s.active('b', 60_000)).toBeNull();
    expect(s.active(undefined, 60_000)).toBeNull();
    s.signOut('a');
    expect(s.active('a', 60_000)).toBeNull();
    expect(s.lockedFor('a')).toBeNull();
  });

  it('locks a UI session idle past the limit, keeps whose it was, and a new sign-in resumes it', () => {
    const c = clock();
    const s = new Sessions(c.now);
    s.signIn('ui', 'jdevries', true);
    c.advance(9 * 60_000);
    s.touch('ui');
    c.advance(9 * 60_000);
    expect(s.active('ui', 10 * 60_000)).toBe('jdevries');
    c.advance(60_000);
    expect(s.active('ui', 10 * 60_000)).toBeNull();
    expect(s.lockedFor('ui')).toBe('jdevries');
    s.touch('ui'); // activity does not unlock
    expect(s.active('ui', 10 * 60_000)).toBeNull();
    s.signIn('ui', 'jdevries', true);
    expect(s.active('ui', 10 * 60_000)).toBe('jdevries');
  });

  it('does not lock a CLI session by inactivity; the sweep locks only idle UI sessions', () => {
    const c = clock();
    const s = new Sessions(c.now);
    s.signIn('cli', 'script', false);
    s.signIn('ui', 'pbakker', true);
    s.signIn('ui2', 'kjansen', true);
    c.advance(5 * 60_000);
    s.touch('ui2');
    c.advance(6 * 60_000);
    expect(s.lockIdle(10 * 60_000)).toBe(1);
    expect(s.active('cli', 10 * 60_000)).toBe('script');
    expect(s.lockedFor('ui')).toBe('pbakker');
    expect(s.active('ui2', 10 * 60_000)).toBe('kjansen');
  });

  it("locks every session when the OS locks or suspends, and ends a disabled person's sessions", () => {
    const s = new Sessions();
    s.signIn('a', 'jdevries', true);
    s.signIn('b', 'pbakker', false);
    s.signIn('c', 'jdevries', true);
    expect(s.lockAll()).toBe(3);
    expect(s.lockAll()).toBe(0);
    expect([s.lockedFor('a'), s.lockedFor('b')]).toEqual(['jdevries', 'pbakker']);
    s.endAllOf('jdevries');
    expect([s.lockedFor('a'), s.lockedFor('c'), s.lockedFor('b')]).toEqual([null, null, 'pbakker']);
  });

  it('lets Electron main act for the connection most recently signed in to or used', () => {
    const s = new Sessions();
    expect(s.latestConnection()).toBeUndefined();
    s.signIn('w1', 'a', true);
    s.signIn('w2', 'b', true);
    expect(s.latestConnection()).toBe('w2');
    s.touch('w1');
    expect(s.latestConnection()).toBe('w1');
    s.release('w1');
    expect(s.latestConnection()).toBeUndefined();
  });
});
