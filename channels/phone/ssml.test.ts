import { messageSsml, speakDates, speakMoney, spellDigits, toSsml } from './ssml';
import { forVoice } from './for-voice';
import { turnVerbs } from './verbs';

describe('speech output', () => {
  test('digit strings are read one by one; years, dates, times and sums are said as a person would', () => {
    expect(spellDigits('PLZ 45879')).toBe('PLZ 4 5 8 7 9');
    expect(spellDigits('Nummer +49 209 1234')).toBe('Nummer plus 4 9 2 0 9 1 2 3 4');
    expect(spellDigits('am 5. Mai')).toBe('am 5. Mai');
    expect(spellDigits('im Jahr 2026')).toBe('im Jahr 2026');
    const ssml = toSsml(['Geboren am 13. Mai 1990 um 10:30 Uhr, Gebühr 27,60 €, Buchung 123456.']);
    expect(ssml).toContain('13. Mai 1990');
    expect(ssml).toContain('um 10 Uhr 30,');
    expect(ssml).toContain('27 Euro 60');
    expect(ssml).toContain('1 2 3 4 5 6');
  });

  test('"15.12.2026" is a date, never "15.12.2 0 2 6"; ISO dates too', () => {
    expect(toSsml(['Zum Beispiel 15.12.2026.'])).toBe('<speak>Zum Beispiel 15. Dezember 2026.</speak>');
    expect(toSsml(['Ab 2026-12-01 um 09:00'])).toBe('<speak>Ab 1. Dezember 2026 um 9 Uhr</speak>');
    expect(toSsml(['For example 15.12.2026 at 10:00'], 'en')).toBe('<speak>For example 15 December 2026 at 10 o&apos;clock</speak>');
    expect(speakDates('13.05.1990')).toBe('13. Mai 1990');
    expect(speakDates('31.02.2026')).toBe('31. Februar 2026'); // said as written: validity is the rules' job
    expect(speakDates('45.13.2026')).toBe('45.13.2026');
  });

  test('sums, booking numbers and e-mail addresses', () => {
    expect(speakMoney('Gebühr 46,00 €')).toBe('Gebühr 46 Euro');
    expect(speakMoney('1.234,50 €')).toBe('1234 Euro 50');
    expect(speakMoney('The fee is €12.50.', 'en')).toBe('The fee is 12 euros 50.');
    const booking = toSsml(['Ihre Buchungsnummer lautet GE-QSV3KS5K.']);
    expect(booking).toBe('<speak>Ihre Buchungsnummer lautet <say-as interpret-as="characters">GE</say-as><break time="250ms"/><say-as interpret-as="characters">QSV3KS5K</say-as>.</speak>');
    expect(messageSsml('Ihre Buchungsnummer lautet GE-PEYLGFTX.')).toContain('<say-as interpret-as="characters">GE</say-as><break time="250ms"/><say-as interpret-as="characters">PEYLGFTX</say-as>');
    expect(toSsml(['Die Bestätigung geht an erika.mustermann@example.org.'])).toBe('<speak>Die Bestätigung geht an erika Punkt mustermann at example Punkt org.</speak>');
    expect(toSsml(['- Anliegen: Reisepass\n- Standort: Buer'])).toBe('<speak>Anliegen: Reisepass. Standort: Buer</speak>');
  });

  test('markup in a message is escaped, never passed as SSML', () => {
    const ssml = toSsml(['<audio src="http://evil"/> & co']);
    expect(ssml).toMatch(/^<speak>&lt;audio src=&quot;http:\/\/evil&quot;\/ ?(&gt;)? &amp; co<\/speak>$/);
    expect(ssml.slice('<speak>'.length, -'</speak>'.length)).not.toMatch(/[<>]/);
  });

  test('a caller is asked to say or press, never to write', () => {
    expect(forVoice('Wenn Sie mit einem Menschen sprechen möchten, schreiben Sie jederzeit „Mitarbeiter“.', 'de'))
      .toBe('Wenn Sie mit einem Menschen sprechen möchten, sagen Sie jederzeit „Mitarbeiter“ oder drücken Sie die 0.');
    expect(forVoice('Meinten Sie 1. A oder 2. B? Bitte antworten Sie mit der Nummer.', 'de')).toMatch(/sagen Sie die Nummer oder drücken Sie die Taste/);
    expect(forVoice('If you would like to talk to a person, write “staff” at any time.', 'en')).toBe('If you would like to talk to a person, say “staff” or press 0 at any time.');
  });

  test('an active session keeps listening; a finished one hangs up; yes/no takes one key', () => {
    const opts = { actionHook: '/voice/action', language: 'de-DE', yesNo: true, locale: 'de' };
    const active = turnVerbs(['Stimmt das?'], 'active', opts);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ verb: 'gather', input: ['speech', 'digits'], actionHook: '/voice/action', numDigits: 1 });
    expect(JSON.stringify(active)).toContain('drücken Sie 1 für Ja und 2 für Nein');
    const done = turnVerbs(['Fertig.'], 'completed', { ...opts, yesNo: false });
    expect(done.map((v) => v.verb)).toEqual(['say', 'hangup']);
  });

  test('a handoff puts the caller through, with the office number if nobody answers; without a transfer number the caller hears it', () => {
    const opts = { actionHook: '/voice/action', language: 'de-DE', yesNo: false, locale: 'de', officePhone: '0209 169-0', officeHours: 'Montag bis Freitag 8 bis 16 Uhr' };
    const transfer = turnVerbs([], 'handoff', { ...opts, transferNumber: '+492091690' });
    expect(transfer.map((v) => v.verb)).toEqual(['say', 'dial', 'say', 'hangup']);
    expect(JSON.stringify(transfer[2])).toContain('0 2 0 9 1 6 9 0');
    const none = turnVerbs([], 'handoff', opts);
    expect(none.map((v) => v.verb)).toEqual(['say', 'hangup']);
    const text = (none[0] as { text: string }).text;
    expect(text).toMatch(/nicht direkt verbinden.*Bürgerservice auch direkt unter 0 2 0 9 1 6 9 0.*Montag bis Freitag 8 bis 16 Uhr/);
  });
});
