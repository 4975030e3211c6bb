import { citizenText, htmlToText, stripQuotedAndSignature } from './reply-text';
import { composeReply, replySubject } from './compose';

describe('what the citizen wrote', () => {
  test('quoted reply and greeting signature are cut off', () => {
    const text = 'Ja, das stimmt.\n\nMit freundlichen Grüßen\nMax Muster\n\nAm 26.11.2026 um 10:00 schrieb Bürgerservice <a@b.de>:\n> Stimmt das?\n';
    expect(citizenText({ text })).toBe('Ja, das stimmt.');
  });
  test('Outlook-style quote header and "-- " signature', () => {
    expect(stripQuotedAndSignature('Buer bitte\n\n-----Original Message-----\nFrom: x\nWelches Bürgercenter?')).toBe('Buer bitte');
    expect(stripQuotedAndSignature('morgen\n-- \nMax Muster\nTel. 0209 123')).toBe('morgen');
    expect(stripQuotedAndSignature('erika@example.org\n\nOn Thu, Nov 26, 2026 at 10:00 AM Service <s@x.de> wrote:\n> An welche Adresse?')).toBe('erika@example.org');
  });
  test('HTML-only mail: scripts and styles dropped, tags never interpreted', () => {
    const html = '<html><head><style>p{}</style><script>alert(1)</script></head><body><p>Termin &amp; Buer</p><script>document.cookie</script><img src=x onerror=alert(2)><div>morgen</div></body></html>';
    const text = citizenText({ html });
    expect(text).toBe('Termin & Buer\nmorgen');
    expect(htmlToText('<p>a<script>never closed')).toBe('a');
  });
  test('reply subject and threading headers', () => {
    expect(replySubject('AW: Re: Termin')).toBe('Re: Termin');
    const mail = composeReply({ from: 'service@stadt.example', to: 'b@example.org', subject: 'Termin', messages: ['Frage?'], status: 'active', locale: 'de', inReplyTo: '<1@x>', references: ['<1@x>'] });
    expect(mail.messageId).toMatch(/^<[0-9a-f-]+@stadt\.example>$/);
    expect(mail.inReplyTo).toBe('<1@x>');
    expect(mail.headers['Auto-Submitted']).toBe('auto-replied');
    expect(mail.text).toContain('KI-Assistenten');
  });
});
