import { describe, expect, it } from 'vitest';
import { loginProblem, normaliseLogin, pinProblem, signInErrorText } from '../../../renderer/features/auth/rules';
import { createI18n } from '../../../renderer/i18n';

// What the sign-in and people forms check before they ask the core, and how a refused sign-in reads.

describe('sign-in form rules', () => {
  it('takes a login as typed: spaces around dropped, capitals small', () => {
    expect(normaliseLogin('  J.Jansen ')).toBe('j.jansen');
    expect(loginProblem('J.Jansen')).toBeNull();
    expect(loginProblem('j')).toBe('auth.loginInvalid');
    expect(loginProblem('jan jansen')).toBe('auth.loginInvalid');
  });

  it('wants a PIN of at least 6 characters without control characters', () => {
    expect(pinProblem('123456')).toBeNull();
    expect(pinProblem('12345')).toBe('auth.pinInvalid');
    expect(pinProblem('123456\n')).toBe('auth.pinInvalid');
  });

  it('names the seconds to wait after too many attempts, in Dutch and in English', () => {
    const delayed = { code: 'sign-in-delayed', message: 'Te veel…', details: { retryAfterSeconds: 8 } };
    const nl = createI18n('nl');
    expect(signInErrorText(nl.t, 'nl', delayed)).toBe(
      'Te veel mislukte pogingen voor deze gebruikersnaam. Probeer het over 8 seconden opnieuw.',
    );
    expect(signInErrorText(nl.t, 'nl', { ...delayed, details: { retryAfterSeconds: 1 } })).toMatch(/over 1 seconde opnieuw\.$/);
    const en = createI18n('en');
    expect(signInErrorText(en.t, 'en', delayed)).toBe('Too many failed attempts for this login. Try again in 8 seconds.');
    expect(signInErrorText(nl.t, 'nl', { code: 'sign-in-failed', message: '' })).toBe('Onbekende gebruikersnaam of verkeerde pincode.');
  });
});
