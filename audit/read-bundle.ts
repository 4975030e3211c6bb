/**
 * Reading a bundle: every check an auditor relies on, in the order that names the problem most
 * precisely: JSON, format version, shape, hash chain (names the event), the recomputed sections
 * (names section and event), the section hashes (names the section), content hash, signature
 * (canonical encodings, key id bound to the key, trust list), and finally the canonical text
 * form (catches a changed byte even in whitespace, named by line, column and section).
 */
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { chainHash, digestOf, GENESIS } from '../host/embedded/hash-chain';
import { firstDifference, positionOf, renderCanonical, sha256Hex, sortKeysDeep } from './canonical';
import { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-schema';
import { BundleError, IntegrityError } from './errors';
import { checkSections } from './sections';
import { checkSignature, type SignatureStatus } from './signing';

export interface ReadOptions {
  /** Require a signature by this key (the same as `trusted: [key], requireSignature: true`). */
  publicKey?: KeyObject;
  /** The trust list: a signed bundle must be signed by one of these keys. */
  trusted?: KeyObject[];
  /** Refuse unsigned bundles. */
  requireSignature?: boolean;
}

/** A bundle that passed every check, and how far its origin is established. */
export interface CheckedBundle { bundle: AuditBundle; signature: SignatureStatus }

function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  return /[\u0000-\u0008\u000e-\u001a\ufffd]/.test(head) && !/^\s*[{[]/.test(head);
}

function parseJson(text: string, file: string): unknown {
  if (text.trim().length === 0) throw new BundleError('bundle_empty', file, 'the file is empty. Export the case again with `amtsweg export <session>`.');
  if (looksBinary(text)) throw new BundleError('bundle_binary', file, 'this is binary data, not an audit bundle (a JSON text file written by `amtsweg export`).');
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    if (/^\s*[{[]/.test(text) && (/end of JSON input|Unterminated string/i.test(message) || offset >= text.trimEnd().length - 1)) {
      throw new BundleError('bundle_truncated', file, `the file ends in the middle of the JSON (after ${text.length} bytes): it was truncated. Copy or export it again.`);
    }
    const pos = positionOf(text, offset);
    throw new BundleError('bundle_not_json', file, `not valid JSON at line ${pos.line}, column ${pos.col}. An audit bundle is the JSON file written by \`amtsweg export\`.`);
  }
}

function checkFormat(raw: unknown, file: string): void {
  const r = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (!r || typeof r !== 'object' || Array.isArray(r) || r.format !== BUNDLE_FORMAT) {
    throw new BundleError('bundle_not_amtsweg', file, `this is not an amtsweg audit bundle (the field "format" must be "${BUNDLE_FORMAT}"). Is it a Temporal history? Those are replayed with \`amtsweg replay --history\`.`);
  }
  if (typeof r.formatVersion !== 'number') throw new BundleError('bundle_invalid', file, 'the field "formatVersion" is missing or not a number.');
  if (r.formatVersion > BUNDLE_FORMAT_VERSION) {
    throw new BundleError('bundle_newer', file, `the bundle has format version ${r.formatVersion}, but this amtsweg reads version ${BUNDLE_FORMAT_VERSION} and older. Update amtsweg to read it.`);
  }
}

function checkShape(raw: unknown, file: string): AuditBundle {
  const parsed = AuditBundle.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new BundleError('bundle_invalid', file, `the bundle does not match the format (schema/audit-bundle.schema.json): ${issues.join('; ')}.`);
}

/** The digest of an event, from its key-sorted copy (the same text canonicalJson gives, without re-sorting). */
function sortedDigest(sessionId: string, seq: number, now: string, sortedEvent: unknown): string {
  return sha256Hex(`{"event":${JSON.stringify(sortedEvent)},"now":${JSON.stringify(now)},"seq":${JSON.stringify(seq)},"sessionId":${JSON.stringify(sessionId)}}`);
}

/**
 * Checks the hash chain event by event; the error names the first broken event. `sorted` is the
 * key-sorted copy of the raw bundle when the caller has one (saves sorting every event again).
 */
export function checkChain(bundle: AuditBundle, file: string, sorted?: { events: { event?: unknown }[] }): void {
  let prev = GENESIS;
  if (bundle.chain.genesis !== GENESIS) throw new IntegrityError(file, 'chain', `chain.genesis: it is not the genesis hash amtsweg starts every chain with; it was changed.`, undefined, 'chain');
  bundle.events.forEach((e, i) => {
    const name = `event ${e.seq} (${e.type} at ${e.at})`;
    if (e.seq !== i + 1) throw new IntegrityError(file, 'chain', `${name}: expected event ${i + 1} here; an event was removed, added or reordered.`, e.seq, 'events');
    if (e.prevHash !== prev) throw new IntegrityError(file, 'chain', `${name}: its previous hash does not match the hash of event ${i}; an earlier event was changed or removed.`, e.seq, 'events');
    if (e.event) {
      if (e.event.type !== e.type) throw new IntegrityError(file, 'chain', `${name}: the event says type "${String(e.event.type)}"; it was changed.`, e.seq, 'events');
      const digest = sorted
        ? sortedDigest(bundle.session.id, e.seq, e.at, sorted.events[i].event)
        : digestOf({ sessionId: bundle.session.id, seq: e.seq, now: e.at, event: e.event });
      if (digest !== e.digest) throw new IntegrityError(file, 'chain', `${name}: the event content does not match its digest; the event (or the session id) was changed.`, e.seq, 'events');
    }
    if (chainHash(prev, e.digest) !== e.hash) throw new IntegrityError(file, 'chain', `${name}: its hash does not match its digest; the chain was altered.`, e.seq, 'events');
    prev = e.hash;
  });
  if (bundle.chain.head !== prev || bundle.chain.length !== bundle.events.length) {
    throw new IntegrityError(file, 'chain', `chain: the summary (head ${bundle.chain.head.slice(0, 12)}…, ${bundle.chain.length} events) does not match the events (head ${prev.slice(0, 12)}…, ${bundle.events.length} events); events were cut off or added.`, undefined, 'chain');
  }
}

/** Checks section hashes and the content hash over the key-sorted copy of what the file says. */
function checkContent(sorted: Record<string, unknown>, bundle: AuditBundle, file: string): void {
  // Hash what the file says, not what the schema kept of it. Keys are sorted: each section's text
  // is its canonical JSON, and the content's canonical JSON is made of them.
  const texts = Object.keys(sorted).filter((k) => k !== 'integrity' && sorted[k] !== undefined).map((k) => [k, JSON.stringify(sorted[k])] as const);
  const recorded = bundle.integrity.sections;
  if (recorded) {
    const actual = Object.fromEntries(texts.map(([k, t]) => [k, sha256Hex(t)]));
    const names = [...new Set([...Object.keys(actual), ...Object.keys(recorded)])].sort();
    for (const name of names) {
      if (actual[name] === recorded[name]) continue;
      const what = !(name in actual) ? `integrity.sections.${name}: there is no section "${name}"` : !(name in recorded) ? `integrity.sections: the hash of section ${name} is missing` : `${name}: the section no longer matches its recorded hash (integrity.sections.${name})`;
      throw new IntegrityError(file, 'content', `${what}; it was changed after export.`, undefined, name);
    }
  }
  const actual = sha256Hex(`{${texts.map(([k, t]) => `${JSON.stringify(k)}:${t}`).join(',')}}`);
  if (actual !== bundle.integrity.contentHash) {
    throw new IntegrityError(file, 'content', recorded
      ? `integrity.contentHash: it does not match the content, whose every section matches its own hash; the content hash itself was changed.`
      : `the content hash does not match (recorded ${bundle.integrity.contentHash.slice(0, 12)}…, computed ${actual.slice(0, 12)}…): a field only the content hash protects (exportedAt, producer, session times, effect attempts) or the hash itself was changed.`, undefined, 'integrity');
  }
}

function checkOrigin(bundle: AuditBundle, file: string, opts: ReadOptions): SignatureStatus {
  const trusted = [...(opts.trusted ?? []), ...(opts.publicKey ? [opts.publicKey] : [])];
  const signature = bundle.integrity.signature;
  if (!signature) {
    if (opts.requireSignature || opts.publicKey) throw new IntegrityError(file, 'signature', 'integrity.signature: the bundle is not signed, but a signature is required. Export it with --sign key.pem.', undefined, 'integrity');
    return { state: 'unsigned' };
  }
  const result = checkSignature(bundle.integrity.contentHash, signature, trusted);
  if ('reason' in result) throw new IntegrityError(file, 'signature', `integrity.${result.field}: ${result.reason}.`, undefined, 'integrity');
  return result;
}

/** The section and, inside events, the event a line of the canonical text belongs to. */
function sectionAt(text: string, offset: number): string {
  const lines = text.slice(0, offset).split('\n');
  let section = '';
  let event = 0;
  for (const line of lines) {
    const top = /^ {2}"([^"]+)":/.exec(line);
    if (top) { section = top[1]; event = 0; }
    if (section === 'events' && /^ {4}\{/.test(line)) event++;
  }
  return section === 'events' && event > 0 ? `events, event ${event}` : section || '(top)';
}

/** Parses and checks bundle text; returns the bundle and its signature status. */
export function inspectBundle(text: string, file: string, opts: ReadOptions = {}): CheckedBundle {
  const raw = parseJson(text, file);
  checkFormat(raw, file);
  const bundle = checkShape(raw, file);
  const sorted = sortKeysDeep(raw) as Record<string, unknown> & { events: { event?: unknown }[] };
  checkChain(bundle, file, sorted);
  checkSections(raw as Record<string, unknown>, file);
  checkContent(sorted, bundle, file);
  const signature = checkOrigin(bundle, file, opts);
  const canonical = `${JSON.stringify(sorted, null, 2)}\n`;
  if (canonical !== text) {
    const at = firstDifference(text, canonical);
    const pos = positionOf(text, at);
    throw new IntegrityError(file, 'canonical', `${sectionAt(canonical, at)}: the file differs from the form amtsweg wrote at line ${pos.line}, column ${pos.col} (a byte was changed, added or removed). Use the original export.`);
  }
  return { bundle, signature };
}

/** Parses and checks bundle text. Throws BundleError / IntegrityError with a clear message. */
export function parseBundle(text: string, file: string, opts: ReadOptions = {}): AuditBundle {
  return inspectBundle(text, file, opts).bundle;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError('bundle_unreadable', file, code === 'ENOENT' ? 'no such file.' : `cannot read the file (${code ?? (e as Error).message}).`);
  }
}

/** Reads and checks a bundle file. */
export function readBundle(file: string, opts: ReadOptions = {}): AuditBundle {
  return inspectBundle(readText(file), file, opts).bundle;
}

/** Reads and checks a bundle file; also says whether and by whom it was signed. */
export function readCheckedBundle(file: string, opts: ReadOptions = {}): CheckedBundle {
  return inspectBundle(readText(file), file, opts);
}

/** The text to write for a bundle. */
export function renderBundle(bundle: AuditBundle): string {
  return renderCanonical(bundle);
}
