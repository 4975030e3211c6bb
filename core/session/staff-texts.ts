/**
 * Built-in texts the citizen gets when a case worker acts on the case (correction, hand-back,
 * closing, follow-up). Kept apart from messages.ts so the locales of both can grow independently;
 * a locale without its own texts falls back to German.
 */
import type { Locale } from '../definition/schema';

type Vars = Record<string, string>;

const DE = {
  corrected: 'Eine Mitarbeiterin oder ein Mitarbeiter hat Ihre Angabe „{label}“ geändert auf: {value}. Grund: {reason}',
  handed_back: 'Eine Mitarbeiterin oder ein Mitarbeiter hat Ihr Anliegen geprüft. Ich, der KI-Assistent, mache jetzt mit Ihnen weiter.',
  closed: 'Ihr Anliegen ist von der Sachbearbeitung abgeschlossen. Wenn Sie dazu noch eine Frage haben, schreiben Sie einfach hier; Ihre Nachricht geht wieder an die Sachbearbeitung.',
  follow_up: 'Ihre Nachricht ist bei der Sachbearbeitung eingegangen. Eine Mitarbeiterin oder ein Mitarbeiter meldet sich hier bei Ihnen.',
};

type Key = keyof typeof DE;

const EN: Record<Key, string> = {
  corrected: 'A member of staff changed your answer “{label}” to: {value}. Reason: {reason}',
  handed_back: 'A member of staff has checked your request. I, the AI assistant, will now continue with you.',
  closed: 'Your request has been closed by a member of staff. If you have a question about it, just write here; your message goes back to staff.',
  follow_up: 'Your message has reached staff. A member of staff will reply here.',
};

const TEXTS: Partial<Record<Locale, Record<Key, string>>> = { de: DE, en: EN };

/** A staff-related built-in text in the citizen's locale (German fallback). */
export function staffText(locale: Locale, key: Key, vars: Vars = {}): string {
  return (TEXTS[locale] ?? DE)[key].replace(/\{([a-z_]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
