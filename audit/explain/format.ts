/** Values for people: dates, times, money, bookings and table conditions in the reader's language, never raw JSON. */
import type { LocalizedText, ServiceDefinition } from '../../core/definition/schema';
import { formatValueFor, type CompiledService, type SessionSnapshot } from '../../core/session';
import { TEXTS, type ExplainLang } from './texts';

const MONTHS = {
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export const localText = (t: LocalizedText | undefined, lang: ExplainLang): string =>
  (t === undefined ? '' : typeof t === 'string' ? t : (t as Record<string, string | undefined>)[lang] ?? t.de);

/** 2026-03-02 → "2. März 2026" / "2 March 2026". */
export function formatDate(iso: string, lang: ExplainLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'de' ? `${Number(d)}. ${MONTHS.de[Number(mo) - 1]} ${y}` : `${Number(d)} ${MONTHS.en[Number(mo) - 1]} ${y}`;
}

/** 2026-03-10T08:00 → "10. März 2026 um 08:00 Uhr" / "10 March 2026 at 08:00"; instants are shown in UTC. */
export function formatDateTime(iso: string, lang: ExplainLang): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return formatDate(iso, lang);
  const utc = /Z$|[+-]\d{2}:\d{2}$/.test(iso) ? ' UTC' : '';
  return `${formatDate(m[1], lang)} ${TEXTS[lang].at} ${m[2]}:${m[3]}${TEXTS[lang].oclock}${utc}`;
}

/** A period of two instants, on one day written once. */
export function formatPeriod(from: string, to: string, lang: ExplainLang): string {
  const a = formatDateTime(from, lang);
  const b = formatDateTime(to, lang);
  return a === b ? a : `${a} – ${b}`;
}

function isBooking(v: Record<string, unknown>): boolean {
  return typeof v.beginn === 'string' || typeof v.start === 'string';
}

function formatBooking(v: Record<string, unknown>, lang: ExplainLang): string {
  const begin = String(v.beginn ?? v.start);
  const end = typeof (v.ende ?? v.end) === 'string' ? String(v.ende ?? v.end) : '';
  const endTime = /T(\d{2}:\d{2})/.exec(end)?.[1];
  let when = formatDateTime(begin, lang);
  if (endTime) when = lang === 'de' ? when.replace(/ Uhr$/, `–${endTime} Uhr`) : `${when}–${endTime}`;
  const where = String(v.location_name ?? v.ort ?? '');
  return TEXTS[lang].booking(when, where, typeof v.booking === 'string' ? v.booking : '');
}

function plain(value: unknown, lang: ExplainLang): string {
  const l = TEXTS[lang];
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? l.yes : l.no;
  if (typeof value === 'number') return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? formatDateTime(value, lang) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value, lang) : value;
  if (Array.isArray(value)) return value.map((v) => plain(v, lang)).join(', ');
  const o = value as Record<string, unknown>;
  if (isBooking(o)) return formatBooking(o, lang);
  // Other records: their readable members, ids left out.
  return Object.entries(o).filter(([k]) => !/(^|_)id$/.test(k)).map(([, v]) => plain(v, lang)).join(', ');
}

/** A session value (slot, derived value or action result) formatted as the definition formats it. */
export function formatSessionValue(compiled: CompiledService, snapshot: SessionSnapshot | null, name: string, value: unknown, lang: ExplainLang): string {
  if (value === null || value === undefined) return '—';
  if (value !== null && typeof value === 'object') return plain(value, lang);
  if (snapshot && name !== 'today') {
    try {
      // The value as the rule saw it, which need not be the final one.
      const s = { ...snapshot, values: { ...snapshot.values }, slots: { ...snapshot.slots } };
      if (Object.prototype.hasOwnProperty.call(s.slots, name)) s.slots[name] = { ...s.slots[name], value };
      else s.values[name] = value;
      const shown = formatValueFor(compiled, s, name, lang);
      if (shown !== null && shown !== undefined) return moneyOf(compiled.definition, name, shown, lang);
    } catch {
      // fall through to the plain form
    }
  }
  return plain(value, lang);
}

/** Templates render money without "€" (the text says it); a standalone value needs it. */
function moneyOf(def: ServiceDefinition, name: string, shown: string, lang: ExplainLang): string {
  const declared = def.values?.[name];
  const type = def.slots[name]?.type ?? (declared && typeof declared === 'object' ? declared.type : undefined);
  if (type !== 'money' || /€/.test(shown)) return shown;
  return lang === 'de' ? `${shown} €` : `€${shown}`;
}

/** A FEEL unary test of a table cell for people: "< 24" → "kleiner als 24", "true" → zutrifft. */
export function describeCell(label: string, cell: unknown, lang: ExplainLang, valueLabel: (v: string) => string): string | undefined {
  const l = TEXTS[lang];
  const text = String(cell).trim();
  if (text === '-' || text === '') return undefined;
  if (text === 'true' || cell === true) return l.isTrue(label);
  if (text === 'false' || cell === false) return l.isFalse(label);
  const op = /^(<=|>=|<|>|!=|=)\s*(.+)$/.exec(text);
  const num = (s: string) => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB') : s.replace(/^"(.*)"$/, (_m, v: string) => valueLabel(v)));
  if (op) {
    const name = ({ '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge', '=': 'eq', '!=': 'ne' } as const)[op[1] as '<'];
    return l.isCond(label, `${l.ops[name]} ${num(op[2])}`);
  }
  const range = /^[[(]\s*(.+?)\s*\.\.\s*(.+?)\s*[\])]$/.exec(text);
  if (range) return l.isCond(label, l.ops.range(num(range[1]), num(range[2])));
  return l.isCond(label, num(text));
}
