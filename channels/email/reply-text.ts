/**
 * Gets what the citizen actually wrote in a mail: HTML turned into plain text (scripts and styles
 * dropped, never rendered), quoted earlier messages and the signature cut off. Only this text goes
 * to extraction; the rest of the mail is never shown to the LLM.
 */

const QUOTE_HEADERS = [
  /^\s*am .{3,120}schrieb .{0,200}:\s*$/i,
  /^\s*on .{3,120}wrote:\s*$/i,
  /^\s*-{2,}\s*(original message|ursprüngliche nachricht|original-nachricht)\s*-{2,}/i,
  /^\s*(von|from):\s.+$/i,
  /^_{10,}\s*$/,
];

/** Converts an HTML body to plain text without interpreting it (no DOM, no scripts). */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head|template|noscript|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<(script|style)\b[\s\S]*$/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '\n')
      .replace(/<(br|\/p|\/div|\/li|\/h\d|\/tr)\b[^>]*>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  ).replace(/[ \t]+/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', euro: '€' };
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    }
    return named[e] ?? m;
  });
}

/** The new part of a reply: up to the first quote header, without `>` lines and the signature. */
export function stripQuotedAndSignature(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '-- ' || line === '--' || /^-- ?$/.test(line)) break;
    if (QUOTE_HEADERS.some((re) => re.test(line)) && kept.some((l) => l.trim() !== '')) break;
    if (/^\s*>/.test(line)) continue;
    if (/^\s*(gesendet von meinem|sent from my) /i.test(line)) break;
    kept.push(line);
  }
  // Greeting formulas at the end ("Mit freundlichen Grüßen\nMax") are signature too.
  const joined = kept.join('\n').trim();
  const closing = /\n\s*(mit freundlichen grüßen|mit freundlichem gruß|viele grüße|beste grüße|liebe grüße|freundliche grüße|gruß|grüße|mfg|lg|best regards|kind regards|regards|cheers|thanks)\b[\s\S]*$/i;
  return joined.replace(closing, '').trim();
}

/** Plain text of a parsed mail, ready for a session turn (at most `maxChars`). */
export function citizenText(mail: { text?: string; html?: string | false }, maxChars = 4000): string {
  const base = mail.text && mail.text.trim() !== '' ? mail.text : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  return stripQuotedAndSignature(base).slice(0, maxChars).trim();
}
