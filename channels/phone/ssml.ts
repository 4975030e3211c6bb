/**
 * Turns an assistant message into SSML for the telephony platform's text-to-speech, so that it
 * sounds as a person would say it: "15.12.2026" as "15. Dezember 2026" (never "15.12.2 0 2 6"),
 * "14:30 Uhr" as "14 Uhr 30", "27,60 €" as "27 Euro 60", a booking number letter by letter,
 * postcodes and phone numbers digit by digit, an e-mail address as "erika punkt mustermann at
 * example punkt org". Markup in a message is escaped, never passed on as SSML.
 */

import { speechWords } from './speech-words';

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const DIGIT_RUN = /\+?\d(?:[\d ]*\d)?/g;
const YEAR = /^(19|20)\d\d$/;

/**
 * Reads a run of three or more digits one by one ("45879" → "4 5 8 7 9"); shorter numbers and
 * years (1900–2099 standing alone) stay as numbers.
 */
export function spellDigits(text: string): string {
  // Phone numbers written with dashes or slashes ("0209 169-0", "0209/1690"): six digits or more.
  const phones = text.replace(/\+?\d[\d /-]{3,}\d/g, (run) => {
    const digits = run.replace(/[^\d]/g, '');
    return digits.length >= 6 && /[/-]/.test(run) ? (run.startsWith('+') ? 'plus ' : '') + digits.split('').join(' ') : run;
  });
  return phones.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[^\d]/g, '');
    if (digits.length < 3 || (YEAR.test(run) && !run.startsWith('+'))) return run;
    const plus = run.startsWith('+') ? 'plus ' : '';
    return plus + digits.split('').join(' ');
  });
}

function spokenDate(d: number, m: number, y: string, locale: string): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const w = speechWords(locale);
  return w.date(d, w.months[m - 1], y);
}

/** Numeric dates (15.12.2026, 2026-12-15) as day, month name and year. */
export function speakDates(text: string, locale = 'de'): string {
  return text
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (w, y: string, m: string, d: string) => spokenDate(Number(d), Number(m), y, locale) ?? w)
    .replace(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (w, d: string, m: string, y: string) => spokenDate(Number(d), Number(m), y, locale) ?? w);
}

/**
 * Times: "14:30 Uhr" → "14 Uhr 30", "10:00" → "10 Uhr" in German; English says "10 o'clock";
 * the other locales keep "14:30", which their voices read as a time.
 */
export function speakTimes(text: string, locale = 'de'): string {
  const l = speechWords(locale).locale;
  if (l === 'en') return text.replace(/\b(\d{1,2}):00\b/g, '$1 o\'clock');
  if (l !== 'de') return text;
  return text.replace(/\b(\d{1,2}):(\d{2})(\s*Uhr)?\b/g, (_w, h: string, m: string) => (m === '00' ? `${Number(h)} Uhr` : `${Number(h)} Uhr ${Number(m)}`));
}

/** Sums: "27,60 €" → "27 Euro 60", "46,00 €" → "46 Euro"; "€12.50" → "12 euros 50"; "27,60 €" → "27 євро 60 центів". */
export function speakMoney(text: string, locale = 'de'): string {
  const w = speechWords(locale);
  const rules = new Intl.PluralRules(w.locale);
  const say = (int: string, cents: string | undefined) => {
    const e = int.replace(/[.,\s](?=\d{3}\b)/g, '');
    return w.money(e, cents && cents !== '00' ? Number(cents) : null, (n) => rules.select(n));
  };
  return text
    .replace(/€\s?(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{2}))?\b/g, (_w, i: string, c?: string) => say(i, c))
    .replace(/\b(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{2}))?\s?(?:€|EUR\b)/g, (_w, i: string, c?: string) => say(i, c));
}

/** E-mail addresses as they are said: "erika Punkt mustermann at example Punkt org". */
export function speakEmail(text: string, locale = 'de'): string {
  const w = speechWords(locale);
  const dot = ` ${w.dot} `;
  return text.replace(/\b([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)\b/g, (_w, local: string, domain: string) => `${local.split('.').join(dot)} ${w.at} ${domain.split('.').join(dot)}`);
}

// Booking numbers ("GE-QSV3KS5K", also when the random part has no digit: "GE-PEYLGFTX") and
// other codes: capitals and digits mixed, maybe in groups.
const CODE = /\b[A-Z]{2}-[A-Z0-9]{8}\b|\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+\b|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,}\b/g;

function codeSsml(code: string): string {
  return code.split('-').map((g) => `<say-as interpret-as="characters">${escapeXml(g)}</say-as>`).join('<break time="250ms"/>');
}

// Chat texts may carry list bullets or emphasis marks that a voice must not read out.
function stripVisualMarkup(text: string): string {
  return text.replace(/[*_#`>]+/g, '').replace(/^\s*-\s+/gm, '').replace(/\n+/g, '. ').replace(/\.\s*\./g, '.').replace(/\s{2,}/g, ' ');
}

/** One message as SSML content (no <speak> wrapper). */
export function messageSsml(message: string, locale = 'de'): string {
  const text = speakTimes(speakMoney(speakDates(speakEmail(stripVisualMarkup(message), locale), locale), locale), locale);
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    out.push(escapeXml(spellDigits(text.slice(last, m.index))), codeSsml(m[0]));
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(escapeXml(spellDigits(text.slice(last))));
  return out.join('');
}

/** The SSML document for one turn's messages. */
export function toSsml(messages: string[], locale = 'de'): string {
  return `<speak>${messages.map((m) => messageSsml(m, locale)).join('<break time="400ms"/>')}</speak>`;
}
