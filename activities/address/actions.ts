/**
 * `address.challenge` and `address.verify`: proof that a citizen owns the e-mail address a
 * session will book for or mail to (issue 12). The challenge mails a code through the durable
 * outbox (template `adresse_code`) and holds it in the shared store's address challenges, the
 * same table and code format the e-mail channel's confirmations use; the verify checks a code a
 * citizen typed. A code works once, for its session only, for 48 hours.
 */
import { randomDigits, safeEqual, sha256Hex } from '../../platform/crypto';
import type { SharedStore } from '../../store/contract';
import { enqueueSealed } from '../../store/sealed-outbox';
import { badInput } from '../errors';
import type { ActionContext, Sealer } from '../types';
import { CODE_DIGITS, formatCode } from './codes';

export const CODE_TTL_MS = 48 * 3600 * 1000;
/** The notification template of the code mail. */
export const CODE_TEMPLATE = 'adresse_code';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const plainSealer: Sealer = { seal: (t) => Buffer.from(t, 'utf8'), open: (b) => b.toString('utf8') };

/** The challenge id of an action run: the same run (a retry) holds and mails the same code. */
const challengeIdOf = (key: string): string => `ac-${sha256Hex(key).slice(0, 32)}`;

export async function challengeAddress(store: SharedStore, sealer: Sealer | undefined, input: Record<string, unknown>, ctx: ActionContext): Promise<{ challenge: string }> {
  const to = typeof input.to === 'string' ? input.to.trim().toLowerCase() : '';
  if (!EMAIL.test(to)) throw badInput('address.challenge', 'to', 'an e-mail address');
  const s = sealer ?? plainSealer;
  const id = challengeIdOf(ctx.idempotencyKey);
  const existing = await store.confirmations.get(id, ctx.now);
  const code = existing ? (JSON.parse(s.open(existing.payload)) as { code: string }).code : randomDigits(CODE_DIGITS);
  if (!existing) {
    await store.confirmations.hold({
      id, lane: ctx.sessionId, addrHash: sha256Hex(`address:${to}`), codeHash: sha256Hex(`${id}:${code}`),
      payload: s.seal(JSON.stringify({ code, to })), attempts: 0, createdAt: ctx.now,
      expiresAt: new Date(Date.parse(ctx.now) + CODE_TTL_MS).toISOString(),
    });
  }
  await enqueueSealed(store.outbox, sealer, {
    id: ctx.idempotencyKey, sessionId: ctx.sessionId, to, template: CODE_TEMPLATE, data: { code: formatCode(code) }, now: ctx.now, locale: ctx.locale, channel: 'email',
  });
  return { challenge: id };
}

export async function verifyAddress(store: SharedStore, sealer: Sealer | undefined, input: Record<string, unknown>, ctx: ActionContext): Promise<{ ok: boolean; attempts?: number }> {
  if (typeof input.challenge !== 'string' || !input.challenge) throw badInput('address.verify', 'challenge', 'the id address.challenge returned');
  const given = typeof input.code === 'string' ? input.code.replace(/\D/g, '') : '';
  const row = await store.confirmations.get(input.challenge, ctx.now);
  // Another session's challenge is no proof for this one.
  if (!row || row.lane !== ctx.sessionId) return { ok: false };
  const { code } = JSON.parse((sealer ?? plainSealer).open(row.payload)) as { code: string };
  if (given.length === code.length && safeEqual(given, code) && await store.confirmations.take(row.id)) return { ok: true };
  return { ok: false, attempts: await store.confirmations.failedAttempt(row.id) };
}
