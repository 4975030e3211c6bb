/**
 * Reading a bundle: every check an auditor relies on, in the order that names the problem most
 * precisely: JSON, format version, shape, hash chain (names the event), content hash,
 * signature, and finally the canonical text form (catches a changed byte even in whitespace).
 */
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { chainHash, digestOf, GENESIS } from '../host/embedded/hash-chain';
import { canonicalJson, firstDifference, positionOf, renderCanonical, sha256Hex } from './canonical';
import { AuditBundle, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-schema';
import { BundleError, IntegrityError } from './errors';
import { checkSignature } from './signing';

export interface ReadOptions {
  /** Require a signature by this key. */
  publicKey?: KeyObject;
}

function parseJson(text: string, file: string): unknown {
  if (text.trim().length === 0) throw new BundleError('bundle_empty', file, 'the file is empty. Export the case again with `amtsweg export <session>`.');
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    if (/end of JSON input|Unterminated string/i.test(message) || offset >= text.trimEnd().length - 1) {
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

/** Checks the hash chain event by event; the error names the first broken event. */
export function checkChain(bundle: AuditBundle, file: string): void {
  let prev = GENESIS;
  bundle.events.forEach((e, i) => {
    const name = `event ${e.seq} (${e.type} at ${e.at})`;
    if (e.seq !== i + 1) throw new IntegrityError(file, 'chain', `${name}: expected event ${i + 1} here; an event was removed, added or reordered.`, e.seq);
    if (e.prevHash !== prev) throw new IntegrityError(file, 'chain', `${name}: its previous hash does not match the hash of event ${i}; an earlier event was changed or removed.`, e.seq);
    if (e.event) {
      if (e.event.type !== e.type) throw new IntegrityError(file, 'chain', `${name}: the event says type "${String(e.event.type)}"; it was changed.`, e.seq);
      const digest = digestOf({ sessionId: bundle.session.id, seq: e.seq, now: e.at, event: e.event });
      if (digest !== e.digest) throw new IntegrityError(file, 'chain', `${name}: the event content does not match its digest; the event was changed.`, e.seq);
    }
    if (chainHash(prev, e.digest) !== e.hash) throw new IntegrityError(file, 'chain', `${name}: its hash does not match its digest; the chain was altered.`, e.seq);
    prev = e.hash;
  });
  if (bundle.chain.head !== prev || bundle.chain.length !== bundle.events.length) {
    throw new IntegrityError(file, 'chain', `the chain summary (head ${bundle.chain.head.slice(0, 12)}…, ${bundle.chain.length} events) does not match the events (head ${prev.slice(0, 12)}…, ${bundle.events.length} events); events were cut off or added.`);
  }
}

/** Parses and checks bundle text. Throws BundleError / IntegrityError with a clear message. */
export function parseBundle(text: string, file: string, opts: ReadOptions = {}): AuditBundle {
  const raw = parseJson(text, file);
  checkFormat(raw, file);
  const bundle = checkShape(raw, file);
  checkChain(bundle, file);
  const { integrity } = bundle;
  // Hash what the file says, not what the schema kept of it.
  const { integrity: _ignored, ...content } = raw as Record<string, unknown>;
  const actual = sha256Hex(canonicalJson(content));
  if (actual !== integrity.contentHash) {
    throw new IntegrityError(file, 'content', `the content hash does not match (recorded ${integrity.contentHash.slice(0, 12)}…, computed ${actual.slice(0, 12)}…): the bundle was changed after export. Run \`amtsweg replay\` on it to see where the recorded trail differs.`);
  }
  if (integrity.signature) {
    const reason = checkSignature(integrity.contentHash, integrity.signature, opts.publicKey);
    if (reason) throw new IntegrityError(file, 'signature', `signature check failed: ${reason}.`);
  } else if (opts.publicKey) {
    throw new IntegrityError(file, 'signature', 'the bundle is not signed, but a public key was given. Export it with --sign key.pem.');
  }
  const canonical = renderCanonical(raw);
  if (canonical !== text) {
    const pos = positionOf(text, firstDifference(text, canonical));
    throw new IntegrityError(file, 'canonical', `the file differs from the form amtsweg wrote at line ${pos.line}, column ${pos.col} (a byte was changed, added or removed). Use the original export.`);
  }
  return bundle;
}

/** Reads and checks a bundle file. */
export function readBundle(file: string, opts: ReadOptions = {}): AuditBundle {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError('bundle_unreadable', file, code === 'ENOENT' ? 'no such file.' : `cannot read the file (${code ?? (e as Error).message}).`);
  }
  return parseBundle(text, file, opts);
}

/** The text to write for a bundle. */
export function renderBundle(bundle: AuditBundle): string {
  return renderCanonical(bundle);
}
