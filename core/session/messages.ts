/**
 * The built-in texts every service gets, in plain, short, polite language (German Sie-form).
 * German and English here; Turkish, Arabic, Ukrainian, Russian and Polish in ./locales/, written
 * by people. Locales without own texts fall back to German, which every definition must carry.
 */
import type { Locale, LocalizedText, SlotType } from '../definition/schema';
import { AR, PL, RU, TR, UK } from './locales';

type Vars = Record<string, string | number>;

const DE = {
  greeting: 'Guten Tag! Ich bin ein KI-Assistent der Stadtverwaltung, kein Mensch. Ich helfe Ihnen bei: {title}. Wenn Sie mit einem Menschen sprechen möchten, schreiben Sie jederzeit „Mitarbeiter“.',
  not_understood: 'Das habe ich leider nicht verstanden.',
  service_acknowledged: 'Gern helfe ich Ihnen dabei.',
  invalid: 'Diese Angabe kann ich so nicht annehmen.',
  readback: 'Ich habe {value} verstanden. Stimmt das?',
  readback_fact: 'Ich habe verstanden: {label}: {value}. Stimmt das?',
  yes_or_no: 'Bitte antworten Sie mit „ja“ oder „nein“.',
  summary_intro: 'Bitte prüfen Sie Ihre Angaben:',
  summary_question: 'Stimmt alles?',
  what_to_change: 'Was möchten Sie ändern? Schreiben Sie zum Beispiel: „{example}“.',
  correction_unclear: 'Ich habe nicht erkannt, was Sie ändern möchten.',
  required: 'Diese Angabe brauchen wir, sie lässt sich nicht überspringen.',
  skipped_none: '(keine Angabe)',
  ambiguous: 'Meinten Sie {options}? Bitte antworten Sie mit der Nummer.',
  ambiguous_values: 'Meinten Sie {options}?',
  corrected: 'Ich habe „{label}“ auf {value} geändert.',
  held_applied: 'Aus Ihrer ersten Nachricht habe ich übernommen: {facts}.',
  answer_later: 'Das kann ich Ihnen genau sagen, sobald ich Ihre Angaben habe.',
  legal_basis: '(Rechtsgrundlage: {refs})',
  already_said: 'Entschuldigung, das habe ich nicht zuordnen können.',
  no_answer: 'Darauf habe ich leider keine verlässliche Antwort. Wenn Sie möchten, gebe ich Ihre Frage an eine Mitarbeiterin oder einen Mitarbeiter weiter: Schreiben Sie dazu „Mitarbeiter“.',
  bad_input: 'Diese Nachricht kann ich leider nicht lesen. Bitte schreiben Sie Ihre Antwort in ein paar Worten.',
  injection: 'Ich kann nur Ihre eigenen Angaben zu Ihrem Anliegen aufnehmen, keine Anweisungen.',
  or: 'oder',
  help: 'Ich stelle Ihnen Fragen zu Ihrem Anliegen „{title}“. Sie können jederzeit schreiben: „Korrektur: …“ um eine Angabe zu ändern, „abbrechen“ um aufzuhören, „Mitarbeiter“ um mit einem Menschen zu sprechen.',
  help_skip: 'Diese Frage können Sie mit „überspringen“ auslassen.',
  wait: 'Einen Moment bitte, ich bin noch dabei.',
  cancelled: 'Ihre Anfrage ist abgebrochen. Ihre Angaben werden nicht weiter verwendet. Auf Wiedersehen!',
  timeout: 'Da ich länger nichts von Ihnen gehört habe, habe ich die Anfrage beendet. Sie können jederzeit neu beginnen.',
  reminder: 'Sind Sie noch da? Wenn ich nichts mehr von Ihnen höre, beende ich die Anfrage bald.',
  handoff: 'Ich gebe Ihr Anliegen an eine Mitarbeiterin oder einen Mitarbeiter weiter. Sie oder er meldet sich hier bei Ihnen. Ihre bisherigen Angaben gehen nicht verloren.',
  handoff_attempts: 'Leider habe ich Ihre Antwort mehrmals nicht verstanden.',
  handoff_correction: 'Diese Änderung betrifft einen Schritt, der schon erledigt ist.',
  action_failed: 'Leider hat das gerade nicht geklappt.',
  address_code_sent: 'Ich habe Ihnen einen Bestätigungscode an {email} geschickt. Bitte geben Sie den Code aus der E-Mail hier ein, damit ich weiß, dass die Adresse Ihnen gehört.',
  address_code_wrong: 'Dieser Code stimmt leider nicht. Bitte prüfen Sie die E-Mail an {email} und geben Sie den Code noch einmal ein.',
  address_unconfirmed: 'Die E-Mail-Adresse konnte nicht bestätigt werden.',
  proposal: 'Vielen Dank, Ihre Angaben sind vollständig. Über Ihr Anliegen entscheidet eine Sachbearbeiterin oder ein Sachbearbeiter. Sie erhalten Bescheid.',
  finished: 'Diese Anfrage ist bereits abgeschlossen. Wenn Sie ein neues Anliegen haben, beginnen Sie bitte eine neue Anfrage.',
  with_staff: 'Ihr Anliegen liegt bei einer Mitarbeiterin oder einem Mitarbeiter. Bitte haben Sie etwas Geduld.',
  hint_date: 'Bitte schreiben Sie das Datum so: 13.05.1990',
  hint_time: 'Bitte schreiben Sie die Uhrzeit so: 14:30',
  hint_integer: 'Bitte geben Sie eine ganze Zahl an, zum Beispiel 3.',
  hint_number: 'Bitte geben Sie eine Zahl an, zum Beispiel 2,5.',
  hint_money: 'Bitte geben Sie einen Betrag an, zum Beispiel 12,50 €.',
  hint_boolean: 'Bitte antworten Sie mit „ja“ oder „nein“.',
  hint_enum: 'Bitte wählen Sie: {options}.',
  hint_email: 'Bitte geben Sie eine E-Mail-Adresse an, zum Beispiel name@beispiel.de.',
  hint_phone: 'Bitte geben Sie eine Telefonnummer an, zum Beispiel 0209 123456.',
  hint_postcode: 'Bitte geben Sie die fünfstellige Postleitzahl an, zum Beispiel 45879.',
  hint_text: 'Bitte antworten Sie mit ein paar Worten.',
  answer_yes: 'Ja',
  answer_no: 'Nein',
  answer_skip: 'Überspringen',
  language_missing: 'Dieses Anliegen ist noch nicht in Ihrer Sprache verfasst. Die Fragen erscheinen deshalb auf Deutsch. Sie können auch auf Englisch neu beginnen oder mit einem Menschen sprechen: Schreiben Sie „Mitarbeiter“.',
  language_missing_no_en: 'Dieses Anliegen ist noch nicht in Ihrer Sprache verfasst. Die Fragen erscheinen deshalb auf Deutsch. Sie können auch mit einem Menschen sprechen: Schreiben Sie „Mitarbeiter“.',
};

/** The keys of the built-in texts; every locale file must carry all of them (tsc checks). */
export type MessageKey = keyof typeof DE;
type Key = MessageKey;

const EN: Record<Key, string> = {
  greeting: 'Hello! I am an AI assistant of the city administration, not a human. I can help you with: {title}. If you would like to talk to a person, write “staff” at any time.',
  not_understood: 'Sorry, I did not understand that.',
  service_acknowledged: 'Happy to help with that.',
  invalid: 'I cannot accept this answer.',
  readback: 'I understood {value}. Is that correct?',
  readback_fact: 'I understood: {label}: {value}. Is that correct?',
  yes_or_no: 'Please answer “yes” or “no”.',
  summary_intro: 'Please check your details:',
  summary_question: 'Is everything correct?',
  what_to_change: 'What would you like to change? For example, write: “{example}”.',
  correction_unclear: 'I could not tell what you would like to change.',
  required: 'We need this information; it cannot be skipped.',
  skipped_none: '(not given)',
  ambiguous: 'Did you mean {options}? Please answer with the number.',
  ambiguous_values: 'Did you mean {options}?',
  corrected: 'I have changed “{label}” to {value}.',
  held_applied: 'From your first message I have taken: {facts}.',
  answer_later: 'I can tell you exactly once I have your details.',
  legal_basis: '(Legal basis: {refs})',
  already_said: 'Sorry, I could not match that to the question.',
  no_answer: 'I am afraid I have no reliable answer to that. If you like, I will pass your question to a member of staff: just write “staff”.',
  bad_input: 'I cannot read this message. Please write your answer in a few words.',
  injection: 'I can only take your own details for your request, not instructions.',
  or: 'or',
  help: 'I am asking you questions about “{title}”. At any time you can write “correction: …” to change an answer, “cancel” to stop, or “staff” to talk to a person.',
  help_skip: 'You may skip this question by writing “skip”.',
  wait: 'One moment please, I am still working on it.',
  cancelled: 'Your request has been cancelled. Your details will not be used any further. Goodbye!',
  timeout: 'As I have not heard from you for a while, I closed this request. You can start again at any time.',
  reminder: 'Are you still there? If I do not hear from you, I will close this request soon.',
  handoff: 'I am passing your request to a member of staff, who will reply here. Your details are kept.',
  handoff_attempts: 'Unfortunately I could not understand your answer several times.',
  handoff_correction: 'This change concerns a step that has already been carried out.',
  action_failed: 'Unfortunately that did not work just now.',
  address_code_sent: 'I have sent a confirmation code to {email}. Please type the code from that e-mail here, so I know the address is yours.',
  address_code_wrong: 'That code is not right. Please check the e-mail to {email} and type the code again.',
  address_unconfirmed: 'The e-mail address could not be confirmed.',
  proposal: 'Thank you, your details are complete. A case worker will decide on your request and let you know.',
  finished: 'This request is already finished. If you have a new concern, please start a new request.',
  with_staff: 'Your request is with a member of staff. Please be patient.',
  hint_date: 'Please write the date like this: 13.05.1990',
  hint_time: 'Please write the time like this: 14:30',
  hint_integer: 'Please give a whole number, for example 3.',
  hint_number: 'Please give a number, for example 2.5.',
  hint_money: 'Please give an amount, for example 12.50 €.',
  hint_boolean: 'Please answer “yes” or “no”.',
  hint_enum: 'Please choose: {options}.',
  hint_email: 'Please give an e-mail address, for example name@example.com.',
  hint_phone: 'Please give a phone number, for example 0209 123456.',
  hint_postcode: 'Please give the five-digit postcode, for example 45879.',
  hint_text: 'Please answer in a few words.',
  answer_yes: 'Yes',
  answer_no: 'No',
  answer_skip: 'Skip',
  language_missing: 'This service is not yet written in English. The questions will therefore be in German. You can also talk to a person: write “staff”.',
  language_missing_no_en: 'This service is not yet written in English. The questions will therefore be in German. You can also talk to a person: write “staff”.',
};

const TEXTS: Partial<Record<Locale, Record<Key, string>>> = { de: DE, en: EN, tr: TR, ar: AR, uk: UK, ru: RU, pl: PL };

/** Locales with built-in texts: a session may run in them even when a service's own texts lack them. */
export const MESSAGE_LOCALES = Object.keys(TEXTS) as Locale[];

const fill = (template: string, vars: Vars): string =>
  template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/** A built-in text in the citizen's locale (German fallback). */
export function msg(locale: Locale, key: Key, vars: Vars = {}): string {
  return fill((TEXTS[locale] ?? DE)[key], vars);
}

/** The default hint for a slot type. */
export function typeHint(locale: Locale, type: SlotType, options: string[] = []): string {
  const key = `hint_${type}` as Key;
  return msg(locale, key, { options: joinOr(locale, options) });
}

/** "A, B oder C" */
export function joinOr(locale: Locale, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${msg(locale, 'or')} ${items[items.length - 1]}`;
}

/** A definition text in the citizen's locale; German when the definition has no translation. */
export function localized(text: LocalizedText, locale: Locale): string {
  if (typeof text === 'string') return text;
  return (text as Record<string, string | undefined>)[locale] ?? text.de;
}
