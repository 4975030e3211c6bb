/**
 * Explain: the reasons (Begründung) of a decision for a citizen or a court: the facts
 * established with their source and confirmation, the rules applied with their legal basis,
 * and the result. Markdown or HTML, German or English.
 */
import { formatValue } from '../core/extract';
import type { LegalRef, LocalizedText, ServiceDefinition, Slot } from '../core/definition/schema';
import type { OutcomeView, RuleEvaluation, SessionSnapshot, SlotState } from '../core/session/types';
import type { AuditBundle } from './bundle-schema';
import { bundleDefinition } from './definition';
import { AuditError } from './errors';
import { replayBundle } from './replay';

export type ExplainLang = 'de' | 'en';
export type ExplainFormat = 'md' | 'html';

const T = {
  de: {
    title: 'Begründung', case: 'Vorgang', service: 'Leistung', refDate: 'Stichtag der Regeln', channel: 'Kanal', period: 'Zeitraum',
    result: 'Ergebnis', facts: 'Festgestellter Sachverhalt', rules: 'Angewandte Regeln', course: 'Verlauf', integrity: 'Nachweis der Unversehrtheit',
    fact: 'Angabe', value: 'Wert', source: 'Quelle', confirmed: 'bestätigt', yes: 'ja', no: 'nein',
    rule: 'Regel', inputs: 'Eingaben', row: 'Zeile', version: 'Fassung ab', outcomeCol: 'Ergebnis', basis: 'Rechtsgrundlage',
    kind: { information: 'Auskunft', administrative_act: 'Verwaltungsakt', proposal: 'Entscheidungsvorschlag für die Sachbearbeitung', referral: 'Weiterleitung' } as Record<string, string>,
    automated: 'Vollständig automatisiert erlassen; zugelassen durch', notAutomated: 'Nicht automatisiert entschieden: ein Mensch entscheidet (§ 35a VwVfG).',
    noOutcome: 'Kein Ergebnis: der Vorgang ist', status: { active: 'noch offen', handoff: 'an die Sachbearbeitung übergeben', cancelled: 'abgebrochen', completed: 'abgeschlossen' } as Record<string, string>,
    src: { extractor: 'Angabe der Bürgerin/des Bürgers, regelbasiert erkannt', llm: 'Angabe der Bürgerin/des Bürgers, per Sprachmodell vorgeschlagen und geprüft', staff: 'von der Sachbearbeitung erfasst' } as Record<string, string>,
    said: 'Wortlaut', turn: 'Nachricht', condition: 'Prüfung', unmapped: 'Weitere Angaben, die keiner Frage zugeordnet wurden (§ 24 Abs. 1 S. 3 VwVfG)',
    handoff: 'Übergabe an die Sachbearbeitung, Grund', cancelled: 'Abbruch, Grund', definition: 'Definition (sha256)', chain: 'Ereigniskette (letzter Hash)', events: 'Ereignisse', content: 'Inhalt (sha256)', signature: 'Signatur (Ed25519), Schlüssel',
    purged: 'Die personenbezogenen Daten dieses Vorgangs wurden nach Ablauf der Aufbewahrungsfrist gelöscht; nur die Ereigniskette ist erhalten.',
    none: 'keine',
  },
  en: {
    title: 'Statement of reasons', case: 'Case', service: 'Service', refDate: 'Reference date of the rules', channel: 'Channel', period: 'Period',
    result: 'Result', facts: 'Facts established', rules: 'Rules applied', course: 'Course of the case', integrity: 'Proof of integrity',
    fact: 'Fact', value: 'Value', source: 'Source', confirmed: 'confirmed', yes: 'yes', no: 'no',
    rule: 'Rule', inputs: 'Inputs', row: 'Row', version: 'Version from', outcomeCol: 'Result', basis: 'Legal basis',
    kind: { information: 'Information', administrative_act: 'Administrative act', proposal: 'Proposal for a case worker', referral: 'Referral' } as Record<string, string>,
    automated: 'Issued fully automatically; permitted by', notAutomated: 'Not decided automatically: a person decides (§ 35a VwVfG).',
    noOutcome: 'No result: the case is', status: { active: 'still open', handoff: 'handed to a case worker', cancelled: 'cancelled', completed: 'completed' } as Record<string, string>,
    src: { extractor: "citizen's statement, recognised by rules", llm: "citizen's statement, proposed by a language model and checked", staff: 'entered by a case worker' } as Record<string, string>,
    said: 'wording', turn: 'message', condition: 'Check', unmapped: 'Further statements no question captured (§ 24 (1) sentence 3 VwVfG)',
    handoff: 'Handed to a case worker, reason', cancelled: 'Cancelled, reason', definition: 'Definition (sha256)', chain: 'Event chain (last hash)', events: 'events', content: 'Content (sha256)', signature: 'Signature (Ed25519), key',
    purged: 'The personal data of this case was deleted after its retention period; only the event chain remains.',
    none: 'none',
  },
};

/** A document model both renderers share. */
interface Doc {
  title: string;
  meta: [string, string][];
  sections: { heading: string; paragraphs: string[]; table?: { head: string[]; rows: string[][] } }[];
}

const text = (t: LocalizedText | undefined, lang: ExplainLang): string => (t === undefined ? '' : typeof t === 'string' ? t : t[lang] ?? t.de);
const ref = (r: LegalRef): string => (typeof r === 'string' ? r : r.ref);
const humanize = (name: string): string => name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** How a slot or value is named for people: the slot's label, else its name made readable. */
function nameOf(def: ServiceDefinition, name: string, lang: ExplainLang): string {
  const label = (def.slots[name] as { label?: LocalizedText } | undefined)?.label;
  return label ? text(label, lang) : humanize(name);
}

function show(def: ServiceDefinition, name: string, value: unknown, lang: ExplainLang): string {
  const slot = def.slots[name];
  if (value === null || value === undefined) return '—';
  const declared = def.values?.[name];
  const type = slot?.type ?? (declared && typeof declared === 'object' ? declared.type : undefined);
  if (slot || type) {
    try {
      return formatValue(slot ?? ({ type } as Slot), value, lang);
    } catch {
      return JSON.stringify(value);
    }
  }
  if (typeof value === 'boolean') return value ? T[lang].yes : T[lang].no;
  if (typeof value === 'number') return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function finalRules(bundle: AuditBundle): RuleEvaluation[] {
  const last = new Map<string, RuleEvaluation>();
  for (const r of bundle.rules) last.set(r.rule, r as unknown as RuleEvaluation);
  return [...last.values()];
}

function resultSection(def: ServiceDefinition, bundle: AuditBundle, l: typeof T.de, lang: ExplainLang): Doc['sections'][number] {
  const outcome = bundle.outcome as unknown as OutcomeView | null;
  if (!outcome) return { heading: l.result, paragraphs: [`${l.noOutcome} ${l.status[bundle.session.status] ?? bundle.session.status}.`] };
  const declared = def.outcomes[outcome.id];
  const paragraphs = [`**${l.kind[outcome.kind] ?? outcome.kind}** (${outcome.id})`, outcome.text];
  const basis = (declared?.legal_basis ?? []).map(ref);
  if (basis.length) paragraphs.push(`${l.basis}: ${basis.join('; ')}`);
  if (declared?.kind === 'administrative_act') {
    paragraphs.push(outcome.automated && declared.automation_permitted_by ? `${l.automated} ${ref(declared.automation_permitted_by)}.` : l.notAutomated);
  }
  const values = Object.entries(outcome.values ?? {}).map(([k, v]) => `${nameOf(def, k, lang)}: ${show(def, k, v, lang)}`);
  if (values.length) paragraphs.push(values.join(' · '));
  return { heading: l.result, paragraphs };
}

/** Builds the document of reasons for a checked bundle. */
export function explainDocument(bundle: AuditBundle, file: string, lang: ExplainLang): Doc {
  const l = T[lang];
  // Reasons are only given for what the record proves: the sections read below must replay.
  const replay = replayBundle(bundle, file);
  if (!replay.ok && !replay.purged) {
    const d = replay.difference!;
    throw new AuditError('bundle_differs', `${file}: the bundle does not replay (event ${d.seq}, ${d.type}, ${d.path}); no reasons are given for a record that does not hold. Run \`amtsweg replay ${file}\` for both sides.`);
  }
  const compiled = bundleDefinition(bundle, file);
  const def = compiled.definition;
  const doc: Doc = {
    title: `${l.title}: ${text(def.title, lang)}`,
    meta: [
      [l.case, bundle.session.id], [l.service, `${def.service} ${def.version}`], [l.refDate, bundle.session.referenceDate],
      [l.channel, bundle.session.channel], [l.period, `${bundle.session.startedAt} – ${bundle.session.updatedAt}`],
    ],
    sections: [],
  };
  if (bundle.purged) {
    doc.sections.push({ heading: l.result, paragraphs: [l.purged] });
  } else {
    doc.sections.push(resultSection(def, bundle, l, lang));
    const slots = Object.entries(bundle.slots as Record<string, SlotState>);
    doc.sections.push({
      heading: l.facts,
      paragraphs: slots.length ? [] : [l.none],
      table: slots.length ? {
        head: [l.fact, l.value, l.source, l.confirmed],
        rows: slots.map(([name, s]) => [
          nameOf(def, name, lang), show(def, name, s.value, lang),
          `${l.src[s.source] ?? s.source}${s.evidence ? `; ${l.said}: „${s.evidence}“` : ''} (${l.turn} ${s.turn}${s.by ? `, ${s.by}` : ''})`,
          s.confirmed ? l.yes : l.no,
        ]),
      } : undefined,
    });
    const rules = finalRules(bundle);
    doc.sections.push({
      heading: l.rules,
      paragraphs: rules.length ? [] : [l.none],
      table: rules.length ? {
        head: [l.rule, l.inputs, l.row, l.version, l.outcomeCol, l.basis],
        rows: rules.map((r) => [
          r.rule.startsWith('if:') ? `${l.condition} ${r.rule.slice(3)}` : nameOf(def, r.rule, lang),
          Object.entries(r.inputs).map(([k, v]) => `${k} = ${show(def, k, v, lang)}`).join(', '),
          r.row === undefined ? '' : Array.isArray(r.row) ? r.row.join(', ') : r.row,
          r.version ?? '',
          show(def, r.rule, r.result, lang),
          (r.legal_basis ?? []).join('; '),
        ]),
      } : undefined,
    });
    const snapshot = bundle.snapshot as unknown as SessionSnapshot | null;
    const course: string[] = [];
    if (snapshot?.handoff) course.push(`${l.handoff}: ${snapshot.handoff.reason}${snapshot.handoff.takenBy ? ` (${snapshot.handoff.takenBy})` : ''}`);
    if (snapshot?.cancelled) course.push(`${l.cancelled}: ${snapshot.cancelled.reason}`);
    if (snapshot?.unmapped?.length) course.push(`${l.unmapped}: ${snapshot.unmapped.map((u) => `„${u}“`).join('; ')}`);
    if (course.length) doc.sections.push({ heading: l.course, paragraphs: course });
  }
  const sig = bundle.integrity.signature;
  doc.sections.push({
    heading: l.integrity,
    paragraphs: [
      `${l.definition}: ${bundle.definition.hash}`,
      `${l.chain}: ${bundle.chain.head} (${bundle.chain.length} ${l.events})`,
      `${l.content}: ${bundle.integrity.contentHash}`,
      ...(sig ? [`${l.signature} ${sig.keyId}`] : []),
    ],
  });
  return doc;
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function toMarkdown(doc: Doc): string {
  const out = [`# ${doc.title}`, '', ...doc.meta.map(([k, v]) => `- **${k}:** ${v}`), ''];
  for (const s of doc.sections) {
    out.push(`## ${s.heading}`, '');
    for (const p of s.paragraphs) out.push(p, '');
    if (s.table) {
      out.push(`| ${s.table.head.join(' | ')} |`, `|${s.table.head.map(() => '---').join('|')}|`);
      for (const r of s.table.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inline = (s: string): string => esc(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');

function toHtml(doc: Doc, lang: ExplainLang): string {
  const parts = [
    '<!doctype html>', `<html lang="${lang}">`, '<head><meta charset="utf-8">', `<title>${esc(doc.title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eee}dt{font-weight:600}code{word-break:break-all}</style>',
    '</head>', '<body>', `<h1>${esc(doc.title)}</h1>`, '<dl>',
    ...doc.meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`), '</dl>',
  ];
  for (const s of doc.sections) {
    parts.push(`<h2>${esc(s.heading)}</h2>`);
    for (const p of s.paragraphs) parts.push(`<p>${inline(p)}</p>`);
    if (s.table) {
      parts.push('<table>', `<thead><tr>${s.table.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
      for (const r of s.table.rows) parts.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
      parts.push('</tbody>', '</table>');
    }
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}

/** The reasons of a checked bundle as Markdown or HTML. */
export function explainBundle(bundle: AuditBundle, file: string, opts: { lang?: ExplainLang; format?: ExplainFormat } = {}): string {
  const lang = opts.lang ?? 'de';
  const format = opts.format ?? 'md';
  if (lang !== 'de' && lang !== 'en') throw new AuditError('bad_lang', `unknown language "${String(lang)}"; use de or en.`);
  const doc = explainDocument(bundle, file, lang);
  doc.sections.forEach((sec, i) => { sec.heading = `${i + 1}. ${sec.heading}`; });
  return format === 'html' ? toHtml(doc, lang) : toMarkdown(doc);
}
