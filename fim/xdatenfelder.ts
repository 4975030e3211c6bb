/**
 * Reads an XDatenfelder 2 or 3 data schema (Stammdatenschema): its fields (Datenfelder) with
 * types, labels, help texts, constraints (Präzisierung), code lists and inline values, and the
 * cardinality of each place they are used (Struktur/anzahl), groups flattened in order.
 */
import { child, childrenOf, parseXml, textAt, XmlError, type XmlElement } from './xml';

export interface FimField {
  id: string;
  version?: string;
  name: string;
  label?: string;
  help?: string;
  /** Feldart: input, select, label, locked, hidden. */
  kind: string;
  /** Datentyp: text, text_latin, date, time, datetime, bool, num, num_int, num_currency, file, obj. */
  type: string;
  min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string;
  /** Inline values (XDatenfelder 3 `werte`), code → name. */
  values?: { code: string; name: string }[];
  /** Referenced code list (canonical id). */
  codelist?: string;
  /** Cardinality where it is used: min and max (max null for "*"), groups included. */
  minOccurs: number;
  maxOccurs: number | null;
  /** Names of the groups around it, outermost first. */
  groups: string[];
  line: number;
}

export interface FimSchema { xdf: 2 | 3; id: string; version?: string; name: string; label?: string; fields: FimField[] }

/** A FIM file that is not a usable data schema: which element, where, and what to do. */
export class FimError extends Error {
  readonly code = 'fim_invalid';
  constructor(message: string, readonly line: number, readonly col: number, readonly element: string) { super(message); }
}

function detectVersion(root: XmlElement): 2 | 3 {
  const ns = Object.values(root.attrs).join(' ');
  if (/xdatenfelder_3/.test(ns)) return 3;
  if (/xdatenfelder_2|xdatenfelder/.test(ns)) return 2;
  throw new FimError(`<${root.name}> has no XDatenfelder namespace; expected xmlns="urn:xoev-de:fim:standard:xdatenfelder_2" or "…xdatenfelder_3.0.0"`, root.line, root.col, root.name);
}

function cardinality(anzahl: string | undefined, at: XmlElement): [number, number | null] {
  if (anzahl === undefined) return [1, 1];
  const m = /^(\d+):(\d+|\*)$/.exec(anzahl.trim());
  if (!m) throw new FimError(`<anzahl>${anzahl}</anzahl> in <struktur> at line ${at.line} is not a cardinality; write it as 1:1, 0:1, 0:* or 1:5`, at.line, at.col, 'anzahl');
  return [Number(m[1]), m[2] === '*' ? null : Number(m[2])];
}

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));

/** Präzisierung: attributes (XDF 3), child elements, or the JSON text of XDF 2. */
function precision(el: XmlElement | undefined): Record<string, unknown> {
  if (!el) return {};
  const out: Record<string, unknown> = { ...el.attrs };
  for (const c of el.children) out[c.name] = c.text;
  const text = el.text.trim();
  if (text.startsWith('{')) {
    try {
      Object.assign(out, JSON.parse(text) as Record<string, unknown>);
    } catch {
      throw new FimError(`<praezisierung> at line ${el.line} is neither attributes nor valid JSON ({"minLength":"1","maxLength":"50"})`, el.line, el.col, 'praezisierung');
    }
  }
  return out;
}

function readField(el: XmlElement, minOccurs: number, maxOccurs: number | null, groups: string[]): FimField {
  const id = textAt(el, 'identifikation', 'id');
  const name = textAt(el, 'name');
  if (!id) throw new FimError(`<datenfeld> at line ${el.line} has no <identifikation><id>; every FIM field has an id such as F60000227`, el.line, el.col, 'datenfeld');
  if (!name) throw new FimError(`<datenfeld> ${id} at line ${el.line} has no <name>`, el.line, el.col, 'datenfeld');
  const p = precision(child(el, 'praezisierung'));
  const werte = childrenOf(child(el, 'werte'), 'wert').map((w) => ({ code: textAt(w, 'code') ?? '', name: textAt(w, 'name') ?? textAt(w, 'code') ?? '' }))
    .filter((w) => w.code !== '');
  const field: FimField = {
    id, name, kind: textAt(el, 'feldart', 'code') ?? child(el, 'feldart')?.attrs.code ?? 'input',
    type: textAt(el, 'datentyp', 'code') ?? child(el, 'datentyp')?.attrs.code ?? 'text',
    minOccurs, maxOccurs, groups, line: el.line,
  };
  const version = textAt(el, 'identifikation', 'version');
  if (version) field.version = version;
  const label = textAt(el, 'bezeichnungEingabe') ?? textAt(el, 'bezeichnung');
  if (label) field.label = label;
  const help = textAt(el, 'hilfetextEingabe') ?? textAt(el, 'hilfetext');
  if (help) field.help = help;
  const set = <K extends keyof FimField>(k: K, v: FimField[K] | undefined): void => { if (v !== undefined) field[k] = v; };
  set('minLength', num(p.minLength)); set('maxLength', num(p.maxLength));
  set('min', num(p.minValue)); set('max', num(p.maxValue));
  if (typeof p.pattern === 'string' && p.pattern) field.pattern = p.pattern;
  if (werte.length > 0) field.values = werte;
  const ref = child(el, 'codelisteReferenz');
  const canonical = textAt(ref, 'canonicalIdentification') ?? textAt(ref, 'genericodeIdentification', 'canonicalIdentification');
  if (canonical) field.codelist = canonical;
  return field;
}

function walk(container: XmlElement, groups: string[], outer: [number, number | null], out: FimField[]): void {
  for (const s of childrenOf(container, 'struktur')) {
    const [min, max] = cardinality(textAt(s, 'anzahl'), s);
    const minOccurs = Math.min(min, outer[0]);
    const maxOccurs = max === null || outer[1] === null ? null : max * outer[1];
    const enthaelt = child(s, 'enthaelt');
    if (!enthaelt) throw new FimError(`<struktur> at line ${s.line} has no <enthaelt>; each structure entry contains a <datenfeld> or a <datenfeldgruppe>`, s.line, s.col, 'struktur');
    for (const el of enthaelt.children) {
      if (el.name === 'datenfeld') out.push(readField(el, minOccurs, maxOccurs, groups));
      else if (el.name === 'datenfeldgruppe') walk(el, [...groups, textAt(el, 'name') ?? textAt(el, 'identifikation', 'id') ?? 'gruppe'], [minOccurs, maxOccurs], out);
    }
  }
}

/** Parses the text of an XDatenfelder file. Throws {@link FimError} (or its XML cause as a FimError). */
export function readXDatenfelder(text: string): FimSchema {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError) throw new FimError(`not well-formed XML: ${e.message}`, e.line, e.col, 'xml');
    throw e;
  }
  const xdf = detectVersion(root);
  const schema = root.name === 'stammdatenschema' ? root : child(root, 'stammdatenschema');
  if (!schema) throw new FimError(`<${root.name}> holds no <stammdatenschema>; amtsweg imports data schemas (Stammdatenschemata) of XDatenfelder 2 or 3`, root.line, root.col, root.name);
  const id = textAt(schema, 'identifikation', 'id');
  if (!id) throw new FimError(`<stammdatenschema> at line ${schema.line} has no <identifikation><id> (e.g. S60000011)`, schema.line, schema.col, 'stammdatenschema');
  const fields: FimField[] = [];
  walk(schema, [], [1, 1], fields);
  if (fields.length === 0) throw new FimError(`<stammdatenschema> ${id} contains no <datenfeld>`, schema.line, schema.col, 'stammdatenschema');
  const out: FimSchema = { xdf, id, name: textAt(schema, 'name') ?? id, fields };
  const version = textAt(schema, 'identifikation', 'version');
  if (version) out.version = version;
  const label = textAt(schema, 'bezeichnungEingabe') ?? textAt(schema, 'bezeichnung');
  if (label) out.label = label;
  return out;
}
