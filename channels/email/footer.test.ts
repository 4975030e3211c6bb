/** Every word the e-mail footer tells a citizen to write works as that command in the core. */
import { detectCommands } from '../../core/extract/commands';
import { composeReply, footer, FOOTER_WORDS } from './compose';

describe.each(Object.keys(FOOTER_WORDS))('footer in %s', (locale) => {
  const words = FOOTER_WORDS[locale];
  test.each([...words.handoff.map((w) => [w, 'handoff']), ...words.cancel.map((w) => [w, 'cancel'])])('"%s" as the whole reply is the %s command', (word, command) => {
    expect(footer(locale)).toContain(word);
    expect(detectCommands(word, locale).map((c) => c.command)).toContain(command);
    // As a mail body is sent: with a greeting line after it.
    expect(detectCommands(`${word}\n`, locale).map((c) => c.command)).toContain(command);
  });

  test('the footer names no other quoted word', () => {
    const quoted = [...footer(locale).matchAll(/[„"]([^“"]+)[“"]/g)].map((m) => m[1]);
    expect(quoted.sort()).toEqual([...words.handoff, ...words.cancel].sort());
  });
});

describe('who signs a reply', () => {
  const base = { from: 'bs@stadt.example', to: 'b@example.org', subject: 'Termin', status: 'handoff' as const, locale: 'de', references: [] };
  test('the assistant alone: marked as AI output', () => {
    const mail = composeReply({ ...base, messages: ['Wofür brauchen Sie den Termin?'] });
    expect(mail.text).toMatch(/von einem KI-Assistenten des Bürgerservice erstellt/);
    expect(mail.text).not.toMatch(/Mit freundlichen Grüßen/);
  });
  test('a case worker alone: signed by the office, not as AI output', () => {
    const mail = composeReply({ ...base, messages: ['Ihr Termin ist reserviert.'], roles: ['staff'], office: 'Bürgerservice Gelsenkirchen' });
    expect(mail.text).toMatch(/^Ihr Termin ist reserviert\.\n\nMit freundlichen Grüßen\nIhr Bürgerservice Gelsenkirchen\n\n-- \nDiese Nachricht hat eine Mitarbeiterin oder ein Mitarbeiter des Bürgerservice geschrieben\./);
    expect(mail.text).not.toMatch(/KI-Assistent/);
  });
  test('both: the staff part is signed, the footer says which part is whose', () => {
    const mail = composeReply({ ...base, messages: ['Ich habe Buer eingetragen.', 'Ab welchem Tag passt es Ihnen?'], roles: ['staff', 'assistant'] });
    expect(mail.text).toMatch(/Ich habe Buer eingetragen\.\n\nMit freundlichen Grüßen\nIhr Bürgerservice\n\nAb welchem Tag/);
    expect(mail.text).toMatch(/unterzeichneten Teile hat eine Mitarbeiterin oder ein Mitarbeiter geschrieben, die übrigen der KI-Assistent/);
  });
});
