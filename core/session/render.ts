/**
 * Formats values for the citizen: slot read-backs, summaries and outcome templates
 * ({slot}, {value}, {result.field}). Numbers are written the German way ("46,00").
 */
import type { Locale, Slot, SlotType } from '../definition/schema';
import { formatValue } from '../extract';
import { isLocalizedResult } from '../rules';
import { parseTemplate, pluralCategory, renderNodes, type TemplateNode } from '../template';
import { localized, msg } from './messages';
import { safeCondition } from './scope';
import type { Turn } from './turn';

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A number in the citizen's locale; `decimals` fixes the fraction digits (2 for money). */
export function formatNumber(n: number, locale: Locale, decimals?: number): string {
  const de = locale !== 'en';
  const fixed = decimals !== undefined ? n.toFixed(decimals) : String(Math.round(n * 1e6) / 1e6);
  const [i, f] = fixed.replace('-', '').split('.');
  const sign = n < 0 ? '-' : '';
  const body = groupThousands(i, de ? '.' : ',');
  return f ? `${sign}${body}${de ? ',' : '.'}${f}` : `${sign}${body}`;
}

const PSEUDO: Record<string, Slot> = {};
function pseudoSlot(type: SlotType): Slot {
  PSEUDO[type] ??= { type, ask: '-', personal: false, confirm: false, optional: false, accept_anytime: false };
  return PSEUDO[type];
}

const AND: Partial<Record<Locale, string>> = { de: 'und', en: 'and', fr: 'et', es: 'y', it: 'e', pl: 'i', tr: 've', ru: 'и', uk: 'і' };

/** "A", "A und B", "A, B und C" in the citizen's language. */
export function joinList(items: string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  const and = AND[locale] ?? AND.en;
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function safeFormat(slot: Slot, value: unknown, locale: Locale): string {
  if (Array.isArray(value)) return joinList(value.map((v) => safeFormat(slot, v, locale)), locale);
  try {
    return formatValue(slot, value, locale);
  } catch {
    return String(value);
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** "15.12.2026 um 10:00 Uhr" and its counterparts. */
const AT_TIME: Partial<Record<Locale, string>> = { de: ' um ', en: ', ', tr: ' saat ', ar: ' الساعة ', uk: ' о ', ru: ' в ', pl: ' o godz. ' };
const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/;

/** Formats a value that has no slot behind it (derived values, action result fields). */
export function formatLoose(value: unknown, locale: Locale, type?: SlotType, moneyLike = false): string {
  if (value === null || value === undefined) return msg(locale, 'skipped_none');
  if (isLocalizedResult(value)) return localized(value, locale);
  if (type && type !== 'number' && type !== 'integer' && type !== 'money') return safeFormat(pseudoSlot(type), value, locale);
  if (typeof value === 'number') {
    if (type === 'integer') return formatNumber(value, locale);
    if (type === 'money' || moneyLike || !Number.isInteger(value)) return formatNumber(value, locale, 2);
    return formatNumber(value, locale);
  }
  if (typeof value === 'boolean') return safeFormat(pseudoSlot('boolean'), value, locale);
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) return safeFormat(pseudoSlot('date'), value, locale);
    const dt = ISO_DATETIME.exec(value);
    if (dt) {
      const date = safeFormat(pseudoSlot('date'), dt[1], locale);
      return `${date}${AT_TIME[locale] ?? AT_TIME.de}${dt[2]}${locale === 'de' || !(locale in AT_TIME) ? ' Uhr' : ''}`;
    }
    return value;
  }
  if (Array.isArray(value)) return joinList(value.map((v) => formatLoose(v, locale)), locale);
  return JSON.stringify(value);
}

/** A decision table whose results have cents is about money: show "46,00", not "46". */
function moneyLikeValue(t: Turn, name: string): boolean {
  const v = t.def.values?.[name];
  if (!v || typeof v !== 'object') return false;
  const tables = [v.table, ...Object.values(v.valid_from ?? {}).map((b) => (typeof b === 'object' && 'table' in b ? b.table : undefined))];
  return tables.some((tb) => tb?.rows.some((r) => typeof r.then === 'number' && !Number.isInteger(r.then)));
}

/** A slot value as it is read back ("13. Mai 1990"). */
export function formatSlot(t: Turn, name: string, value: unknown): string {
  if (value === null || value === undefined) return msg(t.s.locale, 'skipped_none');
  return safeFormat(t.def.slots[name], value, t.s.locale);
}

/** The raw value of a name or dotted path (`termin.beginn`) from slots, values and action results. */
export function valueAt(t: Turn, path: string): unknown {
  const [head, ...rest] = path.split('.');
  let value: unknown = Object.prototype.hasOwnProperty.call(t.s.slots, head) ? t.s.slots[head].value : t.s.values[head];
  for (const key of rest) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/**
 * Formats a name or dotted path from slots, values and action results. Money is written as a
 * number with cents ("2.300,00"), the same for money slots and money values: the template
 * writes the currency ("{einkommen} €"). Returns null for a missing value.
 */
export function formatPathOrNull(t: Turn, path: string): string | null {
  const [head, ...rest] = path.split('.');
  const value = valueAt(t, path);
  if (value === null || value === undefined) return null;
  const slot = rest.length === 0 ? t.def.slots[head] : undefined;
  if (slot && Object.prototype.hasOwnProperty.call(t.s.slots, head)) {
    return slot.type === 'money' ? formatLoose(value, t.s.locale, 'money') : formatSlot(t, head, value);
  }
  const declared = t.def.values?.[head];
  const type = rest.length === 0 && typeof declared === 'object' ? declared.type : undefined;
  return formatLoose(value, t.s.locale, type, rest.length === 0 && moneyLikeValue(t, head));
}

/** Formats a name or dotted path; a missing value reads "(keine Angabe)". */
export function formatPath(t: Turn, path: string): string {
  return formatPathOrNull(t, path) ?? msg(t.s.locale, 'skipped_none');
}

const PARSED = new Map<string, TemplateNode[] | null>();

/** A template parsed once per text; a text that does not parse (validate reports it) is shown as it is. */
function parsed(text: string): TemplateNode[] | null {
  let hit = PARSED.get(text);
  if (hit === undefined) {
    const p = parseTemplate(text);
    hit = p.ok ? p.nodes : null;
    if (PARSED.size > 5000) PARSED.clear();
    PARSED.set(text, hit);
  }
  return hit;
}

/**
 * Renders a definition template in the citizen's locale: {name}, {if …}…{else}…{end},
 * {plural n: Jahr | Jahre} (CLDR categories of the text's language). Missing values render as "(keine Angabe)" (verify reports every
 * template that can do so).
 */
export function renderTemplate(t: Turn, text: Parameters<typeof localized>[0]): string {
  const source = localized(text, t.s.locale);
  const nodes = parsed(source);
  if (!nodes) return source;
  // Plural forms follow the language the text is written in: a German fallback keeps German rules.
  const written = typeof text === 'object' && (text as Record<string, string | undefined>)[t.s.locale] !== undefined ? t.s.locale : 'de';
  return renderNodes(nodes, {
    plural: (n) => pluralCategory(written, n),
    text: (p) => formatPathOrNull(t, p),
    raw: (p) => valueAt(t, p),
    cond: (e) => safeCondition(t, e),
    missingText: msg(t.s.locale, 'skipped_none'),
  });
}

/** How a slot is named in a summary: its `label`, else its name made readable ("geburtsdatum" → "Geburtsdatum"). */
export function slotLabel(t: Turn, name: string): string {
  const label = t.def.slots[name]?.label;
  if (label !== undefined) return localized(label, t.s.locale);
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
