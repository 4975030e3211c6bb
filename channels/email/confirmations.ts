/**
 * Address confirmation: before a conversation starts for an address, the channel mails it a code
 * and waits for the reply. Pending first mails are sealed; addresses are kept only as keyed hashes.
 */
import type Database from 'better-sqlite3';
import { hmacHex, randomDigits, randomId, type Sealer } from '../../platform/crypto';

/** The first mail of a conversation, held until its address is confirmed. */
export interface PendingMail {
  address: string; subject: string; text: string; messageId: string; references: string[];
  attachments: { filename: string; contentType: string; size: number; content: string }[];
}

/** How long a confirmation code stays valid. */
export const CONFIRMATION_TTL_MS = 48 * 3600 * 1000;

export class Confirmations {
  constructor(private readonly db: Database.Database, private readonly sealer: Sealer, private readonly key: Buffer) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS email_pending (
        id TEXT PRIMARY KEY, confirm_hash TEXT NOT NULL UNIQUE, code_hash TEXT NOT NULL, addr_hash TEXT NOT NULL,
        mail_sealed BLOB NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS email_pending_addr ON email_pending (addr_hash);
      CREATE TABLE IF NOT EXISTS email_confirmed (addr_hash TEXT PRIMARY KEY, confirmed_at TEXT NOT NULL);
    `);
  }

  private h(kind: string, value: string): string {
    return hmacHex(this.key, `${kind}:${value.trim().replace(/^<|>$/g, '').toLowerCase()}`);
  }

  isConfirmed(address: string): boolean {
    return this.db.prepare('SELECT 1 FROM email_confirmed WHERE addr_hash = ?').get(this.h('addr', address)) !== undefined;
  }

  confirm(address: string, at: string): void {
    this.db.prepare('INSERT OR IGNORE INTO email_confirmed (addr_hash, confirmed_at) VALUES (?, ?)').run(this.h('addr', address), at);
  }

  /** Holds `mail` until the reply to `confirmMessageId` (or the returned code) comes from the same address. */
  hold(mail: PendingMail, confirmMessageId: string, now: Date): { code: string } {
    const code = randomDigits(8);
    this.db.prepare(`INSERT INTO email_pending (id, confirm_hash, code_hash, addr_hash, mail_sealed, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      randomId(12), this.h('mid', confirmMessageId), this.h('code', `${mail.address}:${code}`), this.h('addr', mail.address),
      this.sealer.seal(JSON.stringify(mail)), now.toISOString(), new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    );
    return { code: `${code.slice(0, 4)}-${code.slice(4)}` };
  }

  /**
   * The held mail this reply confirms: it comes from the held mail's address and references our
   * confirmation mail or quotes its code. Taken out of the store (a code works once).
   */
  take(address: string, references: string[], text: string, now: Date): PendingMail | undefined {
    const addrHash = this.h('addr', address);
    const rows = this.db.prepare('SELECT id, confirm_hash, code_hash, mail_sealed FROM email_pending WHERE addr_hash = ? AND expires_at > ? ORDER BY created_at')
      .all(addrHash, now.toISOString()) as { id: string; confirm_hash: string; code_hash: string; mail_sealed: Buffer }[];
    if (!rows.length) return undefined;
    const refHashes = new Set(references.map((r) => this.h('mid', r)));
    const codes = new Set((text.match(/\b\d{4}[- ]?\d{4}\b/g) ?? []).map((c) => this.h('code', `${address}:${c.replace(/[- ]/g, '')}`)));
    const hit = rows.find((r) => refHashes.has(r.confirm_hash) || codes.has(r.code_hash));
    if (!hit) return undefined;
    this.db.prepare('DELETE FROM email_pending WHERE id = ?').run(hit.id);
    return JSON.parse(this.sealer.openText(hit.mail_sealed)) as PendingMail;
  }

  /** Drops expired held mails; returns how many. */
  purgeExpired(now: Date): number {
    return this.db.prepare('DELETE FROM email_pending WHERE expires_at <= ?').run(now.toISOString()).changes;
  }
}
