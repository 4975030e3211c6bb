/**
 * The legal guarantees a designer cannot switch off (DESIGN.md guarantees 4 and 8):
 * `automation_permitted_by` cites a real norm the definition lists in `legal_basis`; a service
 * marked `automation: never` or `risk: high` has no automated act or refusal; a refusal carries
 * a Rechtsbehelfsbelehrung; a high-risk service keeps its audit trail at least six months.
 */
import { entriesOf, isObject } from './raw-access';
import type { Reporter } from './report';

const ACTS = ['administrative_act', 'refusal'];

/**
 * A norm citation: "§ 31a SGB X", "§ 155 Abs. 4 AO", "Art. 22 Abs. 2 lit. b DSGVO": a § or Art.
 * with a number, and a law abbreviation (a word with at least two capitals, e.g. VwVfG, AO, WoGG).
 */
const NORM = /^(?:§§?|Art\.|Artikel)\s*\d+[a-z]?\b.*?\s(?:[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*[A-ZÄÖÜ][A-Za-zÄÖÜäöüß-]*|[A-ZÄÖÜ]{2,})(?:\s+[IVXL]+)?\s*$/u;

/** § 35a VwVfG only says that a permitting norm is needed; it is not one itself. */
const ONLY_FRAME = /^§\s*35a(?:\s+(?:Abs\.|Absatz)\s*\d+)?\s+VwVfG$/u;

/** Same citation, ignoring spacing (non-breaking spaces, "§31a" vs "§ 31a"). */
export function normKey(ref: string): string {
  return ref.replace(/[\s\u00a0]+/g, ' ').replace(/(§§?|Art\.)\s*/g, '$1 ').trim().toLowerCase();
}

const refText = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof v.ref === 'string' ? v.ref : undefined);

function refsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => refText(x) ?? []);
  const one = refText(v);
  return one ? [one] : [];
}

/** Months of an ISO 8601 duration, roughly (30 days a month), for the six-month minimum. */
export function durationMonths(iso: string): number {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?/.exec(iso);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) + (Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0)) / 30;
}

export function checkLegal(raw: unknown, r: Reporter): void {
  const root = isObject(raw) ? raw : {};
  const serviceRefs = refsOf(root.legal_basis);
  const high = root.risk === 'high';
  const never = root.automation === 'never' || high;
  const why = high ? 'risk: high' : 'automation: never';
  for (const [name, o] of entriesOf(root.outcomes)) {
    if (!isObject(o)) continue;
    const isAct = typeof o.kind === 'string' && ACTS.includes(o.kind);
    const permit = refText(o.automation_permitted_by);
    if (permit !== undefined) {
      const path = ['outcomes', name, 'automation_permitted_by'];
      if (!isAct) {
        r.add('permit_not_act', { kind: String(o.kind) }, path, 'key');
      } else if (never) {
        r.add('permit_never', { why }, path, 'key');
      } else if (ONLY_FRAME.test(permit.trim())) {
        r.add('permit_only_frame', { norm: permit }, path);
      } else if (!NORM.test(permit.trim())) {
        r.add('permit_not_norm', { norm: permit }, path);
      } else {
        const listed = [...serviceRefs, ...refsOf(o.legal_basis)].map(normKey);
        if (!listed.some((l) => l === normKey(permit) || l.split(/,\s*/).includes(normKey(permit)))) r.add('permit_not_listed', { norm: permit }, path);
      }
    }
    if (o.kind === 'refusal' && o.rechtsbehelfsbelehrung === undefined) r.add('refusal_without_remedy', {}, ['outcomes', name, 'kind']);
    if (o.rechtsbehelfsbelehrung !== undefined && !isAct) {
      r.add('remedy_not_act', { kind: String(o.kind) }, ['outcomes', name, 'rechtsbehelfsbelehrung'], 'key', { severity: 'warning' });
    }
  }
  const privacy = isObject(root.privacy) ? root.privacy : {};
  if (high && typeof privacy.audit_retention === 'string' && durationMonths(privacy.audit_retention) < 6) {
    r.add('audit_retention_short', { got: privacy.audit_retention }, ['privacy', 'audit_retention']);
  }
}

/**
 * How long the audit trail of a session is kept, apart from the personal data's `retention`:
 * `privacy.audit_retention`, default P6M; never less than six months (Art. 26(6) AI Act).
 */
export function auditRetention(def: { privacy: { audit_retention?: string } }): string {
  const declared = def.privacy.audit_retention;
  return declared !== undefined && durationMonths(declared) >= 6 ? declared : 'P6M';
}
