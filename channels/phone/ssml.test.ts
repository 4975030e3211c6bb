import { signVoiceRequest, verifyVoiceRequest } from './signature';
import { spellDigits, toSsml } from './ssml';
import { turnVerbs } from './verbs';

describe('speech output', () => {
  test('digit strings are read one by one, dates and times are not', () => {
    expect(spellDigits('PLZ 45879')).toBe('PLZ 4 5 8 7 9');
    expect(spellDigits('Nummer +49 209 1234')).toBe('Nummer plus 4 9 2 0 9 1 2 3 4');
    expect(spellDigits('am 5. Mai')).toBe('am 5. Mai');
    const ssml = toSsml(['Geboren am 13. Mai 1990 um 10:30, Gebühr 27,60 €, Buchung 123456.']);
    expect(ssml).toContain('13. Mai 1990');
    expect(ssml).toContain('10:30');
    expect(ssml).toContain('27,60');
    expect(ssml).toContain('1 2 3 4 5 6');
  });

  test('markup in a message is escaped, never passed as SSML', () => {
    const ssml = toSsml(['<audio src="http://evil"/> & co']);
    expect(ssml).toMatch(/^<speak>&lt;audio src=&quot;http:\/\/evil&quot;\/ ?(&gt;)? &amp; co<\/speak>$/);
    expect(ssml.slice('<speak>'.length, -'</speak>'.length)).not.toMatch(/[<>]/);
  });

  test('an active session keeps listening; a finished one hangs up; yes/no takes one key', () => {
    const opts = { actionHook: '/voice/action', language: 'de-DE', yesNo: true, locale: 'de' };
    const active = turnVerbs(['Stimmt das?'], 'active', opts);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ verb: 'gather', input: ['speech', 'digits'], actionHook: '/voice/action', numDigits: 1 });
    expect(JSON.stringify(active)).toContain('Drücken Sie 1 für Ja');
    const done = turnVerbs(['Fertig.'], 'completed', { ...opts, yesNo: false });
    expect(done.map((v) => v.verb)).toEqual(['say', 'hangup']);
    const transfer = turnVerbs(['Ich verbinde.'], 'handoff', { ...opts, transferNumber: '+492091690' });
    expect(transfer.map((v) => v.verb)).toEqual(['say', 'dial']);
  });
});

describe('webhook authentication', () => {
  const secret = 'voice-secret-0123456789';
  test('a jambonz signature over the raw body is accepted, a changed body or old timestamp is not', () => {
    const body = '{"call_sid":"abc"}';
    const sig = signVoiceRequest(body, secret, 1_000_000);
    expect(verifyVoiceRequest({ signature: sig }, body, secret, 1_000_010)).toEqual({ ok: true });
    expect(verifyVoiceRequest({ signature: sig }, body.replace('abc', 'abd'), secret, 1_000_010)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyVoiceRequest({ signature: sig }, body, secret, 1_001_000)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyVoiceRequest({ signature: signVoiceRequest(body, 'other-secret-xxxxxxx', 1_000_000) }, body, secret, 1_000_000).ok).toBe(false);
  });
  test('bearer or basic with the secret, nothing else', () => {
    expect(verifyVoiceRequest({ authorization: `Bearer ${secret}` }, '', secret, 0)).toEqual({ ok: true });
    expect(verifyVoiceRequest({ authorization: `Basic ${Buffer.from(`jambonz:${secret}`).toString('base64')}` }, '', secret, 0)).toEqual({ ok: true });
    expect(verifyVoiceRequest({ authorization: 'Bearer wrong' }, '', secret, 0)).toEqual({ ok: false, reason: 'bad_credentials' });
    expect(verifyVoiceRequest({}, '', secret, 0)).toEqual({ ok: false, reason: 'missing' });
  });
});
