/**
 * A definition skeleton from a FIM data schema: one slot per field with its type, `ask` from the
 * label, `hint` from the help text, constraints, enum values from inline code lists, `optional`
 * from the cardinality and the FIM id kept under `fim:`; a flow that collects them in order,
 * reads them back and ends in an outcome. What FIM cannot say (purpose, legal basis, personal
 * data, outcome texts) is left as TODO for the designer, in a form that validates.
 */
import { stringify } from 'yaml';
import type { FimField, FimSchema } from './xdatenfelder';

const TYPES: Record<string, string> = {
  text: 'text', text_latin: 'text', string: 'text', date: 'date', time: 'time', bool: 'boolean',
  num: 'number', num_int: 'integer', num_currency: 'money',
};

/** A lower-case ASCII name: "Familienname (Geburtsname)" → familienname_geburtsname. */
export function slotName(text: string): string {
  const s = text.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[^\w\s-]/g, ' ').replace(/[\s-]+/g, '_').replace(/[^a-z0-9_]/g, '').replace(/^_+|_+$/g, '').replace(/_+/g, '_');
  return /^[a-z]/.test(s) ? s : `feld_${s || 'x'}`;
}

function enumValues(values: { code: string; name: string }[]): Record<string, { label: string }> {
  const out: Record<string, { label: string }> = {};
  for (const v of values) {
    let id = slotName(v.code);
    while (out[id]) id += '_';
    out[id] = { label: v.name };
  }
  return out;
}

export interface Skeleton { yaml: string; slots: string[]; skipped: { field: string; reason: string }[] }

function slotOf(f: FimField, notes: string[]): Record<string, unknown> | null {
  if (f.kind === 'label' || f.kind === 'hidden') return null;
  const label = f.label ?? f.name;
  const slot: Record<string, unknown> = {};
  const type = f.values?.length || f.kind === 'select' && f.values ? 'enum' : TYPES[f.type];
  if (!type) return null;
  slot.type = type;
  slot.label = label;
  slot.ask = `${label.replace(/[:?]\s*$/, '')}?`;
  if (f.help) slot.hint = f.help;
  if (type === 'enum') {
    slot.values = enumValues(f.values ?? []);
    if (f.maxOccurs === null || f.maxOccurs > 1) slot.many = true;
  } else if (f.maxOccurs === null || f.maxOccurs > 1) {
    notes.push(`${f.id} ${f.name}: FIM allows ${f.minOccurs}:${f.maxOccurs ?? '*'} values; the slot takes one`);
  }
  if (f.kind === 'select' && type !== 'enum' && f.codelist) notes.push(`${f.id} ${f.name}: code list ${f.codelist} is not in the file; make the slot an enum with its values`);
  if (f.minOccurs === 0) slot.optional = true;
  if (type === 'text') {
    if (f.minLength !== undefined) slot.min_length = f.minLength;
    if (f.maxLength !== undefined) slot.max_length = f.maxLength;
    if (f.pattern) slot.pattern = f.pattern;
  }
  if (['number', 'integer', 'money'].includes(type)) {
    if (f.min !== undefined) slot.min = f.min;
    if (f.max !== undefined) slot.max = f.max;
  }
  slot.fim = { id: f.id, ...(f.version ? { version: f.version } : {}), name: f.name };
  return slot;
}

/** The definition text. */
export function skeletonOf(schema: FimSchema, source: string): Skeleton {
  const slots: Record<string, Record<string, unknown>> = {};
  const notes: string[] = [];
  const skipped: { field: string; reason: string }[] = [];
  for (const f of schema.fields) {
    const slot = slotOf(f, notes);
    if (!slot) {
      skipped.push({ field: `${f.id} ${f.name}`, reason: f.kind === 'label' || f.kind === 'hidden' ? `Feldart ${f.kind}` : `Datentyp ${f.type} has no slot type` });
      continue;
    }
    let name = slotName(f.groups.length > 0 && slots[slotName(f.name)] ? `${f.groups[f.groups.length - 1]} ${f.name}` : f.name);
    while (slots[name]) name += '_2';
    slots[name] = { ...slot, fim: { ...(slot.fim as object), ...(schema.id ? { schema: schema.id } : {}) } };
  }
  const service = slotName(schema.name).replace(/_/g, '-');
  const title = schema.label ?? schema.name;
  const def = {
    service: /^[a-z]/.test(service) ? service : `fim-${service}`,
    version: '0.1',
    title,
    privacy: { purpose: 'TODO: Zweck der Verarbeitung (Art. 5 DSGVO)', basis: 'TODO: Rechtsgrundlage (Art. 6 DSGVO)', retention: 'P30D' },
    slots,
    flow: [{ id: 'angaben', collect: Object.keys(slots) }, { id: 'zusammenfassung', confirm: 'summary' }, { outcome: 'eingegangen' }],
    outcomes: { eingegangen: { kind: 'information', say: 'Vielen Dank, Ihre Angaben sind eingegangen.', values: Object.keys(slots) } },
  };
  const header = [
    '# yaml-language-server: $schema=../schema/service.schema.json',
    `# Skeleton from FIM data schema ${schema.id}${schema.version ? ` ${schema.version}` : ''} (XDatenfelder ${schema.xdf}), file ${source}.`,
    '# TODO before use: privacy purpose and basis, legal_basis, `personal: true` and `purpose` on personal',
    '# slots, questions in plain language (ask is the FIM label), translations, rules and outcomes.',
    ...notes.map((n) => `# NOTE ${n}`),
    ...skipped.map((s) => `# SKIPPED ${s.field}: ${s.reason}`),
  ].join('\n');
  return { yaml: `${header}\n${stringify(def, { lineWidth: 0 })}`, slots: Object.keys(slots), skipped };
}
