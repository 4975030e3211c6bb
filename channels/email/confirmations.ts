/**
 * Address confirmation: before a conversation starts for an address, the channel mails it a code
 * and waits for the reply. Pending first mails are sealed; addresses are kept only as keyed
 * hashes. Lives in the shared store, so the reply may reach any `serve`.
 */
import { hmacHex, randomDigits, randomId, type Sealer } from '../../platform/crypto';
import { CODE_DIGITS, codesIn, formatCode } from '../../activities/address/codes';
import type { ConfirmationStore } from '../../store/contract';

/** The first mail of a conversation, held until its address is confirmed. */
export interface PendingMail {
  address: string; subject: string; text: string; messageId: string; references: string[];
  attachments: { filename: string; contentType: string; size: number; content: string }[];
  /** The receiving server vouched for the sender (Authentication-Results pass). */
  auth?: 'pass';
}

/** How long a confirmation code stays valid. */
export const CONFIRMATION_TTL_MS = 48 * 3600 * 1000;


export class Confirmations {
  constructor(private readonly store: ConfirmationStore, private readonly sealer: Sealer, private readonly key: Buffer) {}

  /** The keyed hash of an address (or Message-ID, or address:code): how the store knows them. */
  hash(kind: string, value: string): string {
    return hmacHex(this.key, `${kind}:${value.trim().replace(/^<|>$/g, '').toLowerCase()}`);
  }

  isConfirmed(address: string): Promise<boolean> {
    return this.store.isConfirmed(this.hash('addr', address));
  }

  confirm(address: string, at: string): Promise<void> {
    return this.store.confirm(this.hash('addr', address), at);
  }

  /** Holds `mail` until the reply to `confirmMessageId` (or the returned code) comes from the same address. */
  async hold(mail: PendingMail, confirmMessageId: string, now: Date, lane: string): Promise<{ code: string }> {
    const code = randomDigits(CODE_DIGITS);
    await this.store.hold({
      id: randomId(12), lane, addrHash: this.hash('addr', mail.address), refHash: this.hash('mid', confirmMessageId),
      codeHash: this.hash('code', `${mail.address}:${code}`), payload: this.sealer.seal(JSON.stringify(mail)), attempts: 0,
      createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS).toISOString(),
    });
    return { code: formatCode(code) };
  }

  /**
   * The held mail this reply confirms: it comes from the held mail's address and references our
   * confirmation mail or quotes its code. Taken out of the store (a code works once, on any serve).
   */
  async take(address: string, references: string[], text: string, now: Date): Promise<{ mail: PendingMail; putBack(): Promise<void> } | undefined> {
    const rows = await this.store.ofAddress(this.hash('addr', address), now.toISOString());
    if (!rows.length) return undefined;
    const refHashes = new Set(references.map((r) => this.hash('mid', r)));
    const codes = new Set(codesIn(text).map((c) => this.hash('code', `${address}:${c}`)));
    const hit = rows.find((r) => (r.refHash !== undefined && refHashes.has(r.refHash)) || codes.has(r.codeHash));
    if (!hit || !(await this.store.take(hit.id))) return undefined;
    return {
      mail: JSON.parse(this.sealer.openText(hit.payload)) as PendingMail,
      // The same row again (same code, same reference): the sender's retry of this reply finds it.
      putBack: () => this.store.hold(hit),
    };
  }

  /** Drops expired held mails; returns how many. */
  purgeExpired(now: Date): Promise<number> {
    return this.store.purgeExpired(now.toISOString());
  }
}
