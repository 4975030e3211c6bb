/**
 * The tamper-evident event log: each event record gets `digest = sha256(canonical JSON of the
 * record)` and `hash = sha256(prevHash + digest)`. The chain covers plaintext digests, so it
 * verifies from the stored digests alone, even after a session's data key was destroyed.
 */
import { sha256Hex } from '../../platform/crypto';

/** The genesis "previous hash" of every session's chain. */
export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted and no whitespace; undefined members are left out, like JSON.stringify. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return '[' + value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',') + ']';
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k]));
  return '{' + entries.join(',') + '}';
}

/** The record that is digested: what happened to which session, when, in which position. */
export interface EventRecord {
  sessionId: string;
  seq: number;
  now: string;
  event: unknown;
}

export function digestOf(record: EventRecord): string {
  return sha256Hex(canonicalJson(record));
}

export function chainHash(prevHash: string, digest: string): string {
  return sha256Hex(prevHash + digest);
}

export interface ChainLink { seq: number; digest: string; hash: string; prevHash: string; record?: EventRecord }

/**
 * Verifies a session's chain. Links must be in seq order starting at 1. When a link carries its
 * decrypted record, the digest is recomputed from it too.
 */
export function verifyChain(links: ChainLink[]): { ok: true; length: number } | { ok: false; seq: number; reason: string } {
  let prev = GENESIS;
  for (let i = 0; i < links.length; i++) {
    const l = links[i];
    if (l.seq !== i + 1) return { ok: false, seq: l.seq, reason: `expected event ${i + 1}, found ${l.seq} (an event was removed or reordered)` };
    if (l.prevHash !== prev) return { ok: false, seq: l.seq, reason: 'previous hash does not match (an earlier event was changed)' };
    if (l.record && digestOf(l.record) !== l.digest) return { ok: false, seq: l.seq, reason: 'event content does not match its digest (the event was changed)' };
    if (chainHash(prev, l.digest) !== l.hash) return { ok: false, seq: l.seq, reason: 'hash does not match digest (the chain was altered)' };
    prev = l.hash;
  }
  return { ok: true, length: links.length };
}
