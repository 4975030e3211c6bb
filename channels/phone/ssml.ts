/**
 * Turns an assistant message into SSML for the telephony platform's text-to-speech: markup
 * escaped, digit strings (postcodes, phone numbers, booking codes) read one digit at a time,
 * dates, times and amounts left to the speech engine, and short pauses between sentences.
 */

const MONTHS = 'Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|July|October|December';
// Protected spans: dates like "13. Mai 1990" and "2026-05-13", times "10:30", amounts "27,60".
const KEEP = new RegExp(`(\\d{1,2}\\.\\s?(?:${MONTHS})\\s\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}:\\d{2}|\\d+,\\d{2})`, 'g');
const DIGIT_RUN = /\+?\d(?:[\d ]*\d)?/g;

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Reads a run of three or more digits one by one ("45879" → "4 5 8 7 9"); shorter numbers stay. */
export function spellDigits(text: string): string {
  return text.replace(DIGIT_RUN, (run) => {
    const digits = run.replace(/[^\d]/g, '');
    if (digits.length < 3) return run;
    const plus = run.startsWith('+') ? 'plus ' : '';
    return plus + digits.split('').join(' ');
  });
}

/** The SSML document for one turn's messages. */
export function toSsml(messages: string[]): string {
  const parts = messages.map((m) => {
    const pieces = m.split(KEEP);
    return pieces.map((p, i) => (i % 2 === 1 ? escapeXml(p) : escapeXml(spellDigits(stripVisualMarkup(p))))).join('');
  });
  return `<speak>${parts.join('<break time="400ms"/>')}</speak>`;
}

// Chat texts may carry list bullets or emphasis marks that a voice must not read out.
function stripVisualMarkup(text: string): string {
  return text.replace(/[*_#`>]+/g, '').replace(/\n+/g, '. ').replace(/\s{2,}/g, ' ');
}
