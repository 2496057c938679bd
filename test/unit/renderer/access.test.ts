import { describe, expect, it } from 'vitest';
import { commandRoles, commands, ROLES, type Role } from '../../../src/contract';
import { mayOpen, SCREEN_COMMAND, START_ROUTE } from '../../../renderer/app/access';
import { NAV } from '../../../renderer/app/route';
import { rendererCommands } from '../../../src/contract';

// Which screens the UI offers each role, derived from the contract's role table (the core stays the guard).

const navFor = (roles: Role[]) => NAV.filter((n) => mayOpen(n, roles));

describe('screens by role', () => {
  it('needs, for every screen, a command the renderer may call', () => {
    for (const [screen, cmd] of Object.entries(SCREEN_COMMAND)) {
      if (cmd === null) continue;
      expect(Object.hasOwn(commands, cmd), screen).toBe(true);
      expect(rendererCommands, screen).toContain(cmd);
    }
  });

  it('offers a clerk the work of the post, not the audit trail or the people', () => {
    expect(navFor(['medewerker'])).toEqual(['inbox', 'scan', 'search', 'rejections', 'delivery', 'batches', 'status', 'settings']);
  });

  it('offers the administrator the people screen and the audit trail, the supervisor the audit trail only', () => {
    expect(navFor(['beheerder'])).toEqual(expect.arrayContaining(['people', 'audit', 'settings']));
    expect(navFor(['teamleider'])).toContain('audit');
    expect(navFor(['teamleider'])).not.toContain('people');
    expect(navFor(['archivaris'])).not.toContain('audit');
    expect(navFor([...ROLES])).toEqual([...NAV]);
  });

  it('agrees with the role table for every screen and role', () => {
    for (const role of ROLES)
      for (const [screen, cmd] of Object.entries(SCREEN_COMMAND)) {
        if (cmd === null) continue;
        const p = commandRoles[cmd];
        expect(mayOpen(screen as keyof typeof SCREEN_COMMAND, [role]), `${screen} for ${role}`).toBe(
          p === 'before-sign-in' || (p as readonly Role[]).includes(role),
        );
      }
  });

  it('starts every role on a screen it may open', () => {
    for (const role of ROLES) expect(mayOpen(START_ROUTE.name, [role]), role).toBe(true);
  });
});
