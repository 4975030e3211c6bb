/**
 * Issue 12: a citizen's e-mail address is proven before anything with effect is sent to it or
 * booked for it. When an action step would book for (`calendar.book` contact) or mail to
 * (`notify.send` to) an address not yet proven in this session, the core first asks its host to
 * send a code there (`address.challenge`, delivered through the durable outbox), asks the citizen
 * for it, and checks it (`address.verify`). A wrong code is asked again; after
 * {@link MAX_CODE_ATTEMPTS} the case goes to a person. Pure: codes are made and checked by actions.
 */
import { msg } from './messages';
import { addTrail, emit, nextEffectId, type Turn } from './turn';
import type { AddressProof, SessionEvent } from './types';

export const ADDRESS_CHALLENGE = 'address.challenge';
export const ADDRESS_VERIFY = 'address.verify';
export const MAX_CODE_ATTEMPTS = 3;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const norm = (a: string) => a.trim().toLowerCase();

/** The address an action would book for or mail to, when it is an e-mail address. */
function targetOf(name: string, input: Record<string, unknown>): string | undefined {
  const v = name === 'calendar.book' ? input.contact : name === 'notify.send' ? input.to : undefined;
  return typeof v === 'string' && EMAIL.test(v.trim()) ? norm(v) : undefined;
}

/** The proof state of a session started by a host that asks for it. */
export function initialProof(event: { proveAddresses?: boolean; provenAddresses?: string[] }): AddressProof | undefined {
  if (!event.proveAddresses && !event.provenAddresses?.length) return undefined;
  return { required: event.proveAddresses === true, proven: [...new Set((event.provenAddresses ?? []).filter((a) => typeof a === 'string').map(norm))] };
}

/**
 * Called before an action step emits its action. True when the action must wait for a proof: the
 * challenge was requested (or is open) and the pending question is set.
 */
export function awaitsProof(t: Turn, stepId: string, name: string, input: Record<string, unknown>): boolean {
  const proof = t.s.progress.address;
  if (!proof?.required) return false;
  const address = targetOf(name, input);
  if (!address || proof.proven.includes(address)) return false;
  const open = proof.challenge;
  if (open && open.step === stepId && open.address === address) {
    t.s.pending = open.effectId ? { kind: 'effect', effectId: open.effectId } : { kind: 'address_code', address };
    return true;
  }
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: ADDRESS_CHALLENGE, input: { to: address } });
  proof.challenge = { step: stepId, address, effectId: id, kind: 'challenge', attempts: 0 };
  t.s.pending = { kind: 'effect', effectId: id };
  return true;
}

/** A code typed while one is asked for: checked by `address.verify`. */
export function onAddressCode(t: Turn, text: string): void {
  const c = t.s.progress.address?.challenge;
  if (!c?.id) return;
  const code = (text.match(/\d[\d -]{4,10}\d/g) ?? []).map((x) => x.replace(/[ -]/g, '')).find((x) => x.length >= 6 && x.length <= 8);
  if (!code) {
    wrongCode(t);
    return;
  }
  const id = nextEffectId(t);
  emit(t, { kind: 'action', id, name: ADDRESS_VERIFY, input: { challenge: c.id, code } });
  c.effectId = id;
  c.kind = 'verify';
  t.s.pending = { kind: 'effect', effectId: id };
  t.keepPending = true;
}

function wrongCode(t: Turn): void {
  const c = t.s.progress.address?.challenge;
  if (!c) return;
  c.attempts += 1;
  if (c.attempts >= MAX_CODE_ATTEMPTS) {
    delete t.s.progress.address?.challenge;
    t.failedProof = true;
    return;
  }
  t.notice.push(msg(t.s.locale, 'address_code_wrong', { email: c.address }));
  t.s.pending = { kind: 'address_code', address: c.address };
  t.keepPending = true;
}

/**
 * The result of a challenge or verify action. Returns undefined when the event is not one of
 * them; else 'rerun' (proven: run the waiting action step now), 'handoff' or 'asked'.
 */
export function onAddressResult(t: Turn, event: Extract<SessionEvent, { type: 'effect.result' }>): { step: string; next: 'rerun' | 'handoff' | 'asked' } | undefined {
  const c = t.s.progress.address?.challenge;
  if (!c || c.effectId !== event.effectId) return undefined;
  const proof = t.s.progress.address as AddressProof;
  addTrail(t, event.ok
    ? { type: 'effect.result', effectId: event.effectId, ok: true, result: c.kind === 'verify' ? event.result : { challenge: 'issued' } }
    : { type: 'effect.result', effectId: event.effectId, ok: false, error: { code: String(event.error?.code ?? 'unknown'), message: String(event.error?.message ?? '') } });
  const step = c.step;
  c.effectId = undefined;
  if (!event.ok) {
    delete proof.challenge;
    return { step, next: 'handoff' };
  }
  const r = (event.result ?? {}) as { challenge?: unknown; ok?: unknown };
  if (c.kind === 'challenge') {
    if (typeof r.challenge !== 'string') { delete proof.challenge; return { step, next: 'handoff' }; }
    c.id = r.challenge;
    t.s.pending = { kind: 'address_code', address: c.address };
    t.keepPending = true;
    return { step, next: 'asked' };
  }
  if (r.ok === true) {
    proof.proven.push(c.address);
    delete proof.challenge;
    return { step, next: 'rerun' };
  }
  wrongCode(t);
  return { step, next: t.failedProof ? 'handoff' : 'asked' };
}
