import { describe, expect, it } from 'vitest';
import { CONNECTION_LOST } from '../../../renderer/app/bridge';
import { term } from '../../../renderer/features/audit/terms';
import { createI18n } from '../../../renderer/i18n';
import { coreDetail, errorText } from '../../../renderer/ui/errorText';

describe('errorText', () => {
  const i18n = createI18n('nl');
  const t = i18n.t.bind(i18n);

  it('looks the message up by code in the UI language and appends the file name', () => {
    expect(errorText(t, 'nl', { code: 'file-empty' }, 'leeg.pdf')).toBe('Bestand is leeg (0 bytes). (leeg.pdf)');
    expect(errorText(t, 'en', { code: 'file-empty' }, 'leeg.pdf')).toBe('File is empty (0 bytes). (leeg.pdf)');
    expect(errorText(t, 'nl', { code: 'input-unsupported', message: 'whatever the core said' })).toBe(
      'Bestandsformaat wordt niet ondersteund (geen PDF, TIFF, JPEG of PNG).',
    );
  });

  it('keeps the reference of an internal error so the administrator can find it', () => {
    expect(errorText(t, 'nl', { code: 'internal', message: 'Er ging intern iets mis. (ref 0a1b2c3d)' })).toBe(
      'Er ging intern iets mis. Probeer het opnieuw of vraag de beheerder. (ref 0a1b2c3d)',
    );
  });

  it('falls back to the internal message for an unknown code, and knows the client-side connection loss', () => {
    expect(errorText(t, 'nl', { code: 'no-such-code' })).toBe('Er ging intern iets mis. Probeer het opnieuw of vraag de beheerder.');
    expect(errorText(t, 'nl', { code: CONNECTION_LOST })).toBe('Verbinding met de kern verbroken. Probeer het zo opnieuw.');
  });
});

describe('coreDetail', () => {
  it('is the particular reason the core added after the message for its code', () => {
    expect(
      coreDetail({
        code: 'forbidden',
        message: 'Deze opdracht is hier niet toegestaan. Het scanprofiel "Archief" is vergrendeld door de beheerder.',
      }),
    ).toBe('Het scanprofiel "Archief" is vergrendeld door de beheerder.');
    expect(
      coreDetail({ code: 'invalid-input', message: 'Ongeldige invoer. (de laatste pagina van een document kan niet worden verwijderd)' }),
    ).toBe('(de laatste pagina van een document kan niet worden verwijderd)');
  });

  it('is nothing when the core said only the standard message, or something that is not its message', () => {
    expect(
      coreDetail({
        code: 'paper-jam',
        message:
          "Papierstoring in de scanner. Verwijder het vastgelopen vel, leg de rest van de stapel terug en scan verder; de pagina's die al binnen zijn blijven bewaard.",
      }),
    ).toBeNull();
    expect(coreDetail({ code: 'forbidden', message: 'x' })).toBeNull();
    expect(coreDetail({ code: 'forbidden' })).toBeNull();
    expect(coreDetail({ code: 'no-such-code', message: 'Ongeldige invoer. extra' })).toBeNull();
    // The reference of an internal error is kept by errorText; it is no reason to show twice.
    expect(coreDetail({ code: 'internal', message: 'Er ging intern iets mis. (ref 0a1b2c3d)' })).toBeNull();
  });
});

describe('audit terms', () => {
  const i18n = createI18n('nl');
  const t = i18n.t.bind(i18n) as (k: string, o?: { defaultValue: string }) => string;
  it('translates known actions (dotted names) and shows unknown ones as they are', () => {
    expect(term(t, 'actions', 'batch.create')).toBe('Batch aangemaakt');
    expect(term(t, 'actions', 'zgw.outbox.done')).toBe('Afgeleverd bij het zaaksysteem');
    expect(term(t, 'actions', 'something.new')).toBe('something.new');
    expect(term(t, 'results', 'ok')).toBe('gelukt');
    expect(term(t, 'actions', 'page.rotate')).toBe('Pagina gedraaid');
    expect(term(t, 'actions', 'scan.end')).toBe('Scannen beëindigd');
    expect(term(t, 'results', 'cancelled')).toBe('gestopt');
  });
});
