import { createRoute, z } from '@hono/zod-openapi';
import { addRoute, errorResponses } from '../http/openapi';
import type { Context, Hono } from 'hono';
import type { CompiledService } from '../../core/session/types';
import type { Engine, TurnResult } from '../../host/types';
import { clientIp, createRateLimiter } from '../../platform/rate-limit';
import { lineSink, logger } from '../../platform/logger';
import { VoiceConfigError } from './errors';
import { memoryNonceStore, verifyWebhook, type NonceStore } from './webhook-auth';
import { hmacHex } from '../../platform/crypto';
import { normalizeSpoken } from './spoken';
import { RECOGNIZER_LANGUAGE, voiceLocale, voiceTexts, VOICE_LOCALES, type VoiceLocale } from './texts';
import { sayAndHangup, turnVerbs, type JambonzVerb } from './verbs';
import { msg } from '../../core/session/messages';

export interface VoiceOptions {
  engine: Engine;
  /** The jambonz webhook secret (AMTSWEG_VOICE_SECRET). */
  secret: string;
  /** Service a call starts (AMTSWEG_VOICE_SERVICE); `?service=` on the call webhook overrides it. */
  service: string;
  /** Compiled services, to know which questions are yes/no (DTMF 1/2). Optional. */
  services?: CompiledService[];
  /** The language a call runs in (AMTSWEG_VOICE_LOCALE); `?locale=` on the call webhook overrides it, e.g. one jambonz number per language. */
  locale?: VoiceLocale;
  /** Number the call is transferred to on handoff (AMTSWEG_VOICE_TRANSFER); without it the caller hears the office's number. */
  transferNumber?: string;
  /** The office's public number and opening hours, spoken when no transfer is possible (AMTSWEG_VOICE_OFFICE_PHONE, AMTSWEG_VOICE_OFFICE_HOURS). */
  officePhone?: string;
  officeHours?: string;
  basePath?: string;
  now?: () => Date;
  log?: (line: Record<string, unknown>) => void;
  /** Where request ids are claimed once (default: in memory; `amtsweg serve` uses a SQLite file). */
  nonces?: NonceStore;
  /** Also accept jambonz's own `Jambonz-Signature` (body only; AMTSWEG_VOICE_JAMBONZ_SIGNATURE=1). */
  acceptJambonzSignature?: boolean;
}

interface CallState { sessionId: string; silence: number; lastPrompt: string[]; locale: VoiceLocale }

const MAX_BODY = 64 * 1024;
const MAX_TRACKED = 10_000;

/** A jambonz webhook: the body is read and its signature checked by the handler, so it is described, not validated here. */
function voiceRoute(path: string, summary: string) {
  return createRoute({
    method: 'post', path, summary, tags: ['phone'], operationId: `voice${path.split('/').pop()!.replace(/^./, (ch) => ch.toUpperCase())}`,
    description: 'Needs the Amtsweg-Signature header over method, path, query, request id, time and body; a replay gets 409.',
    responses: {
      200: { description: 'jambonz verbs', content: { 'application/json': { schema: z.union([z.array(z.object({ verb: z.string() }).catchall(z.unknown())), z.object({ ok: z.boolean() })]) } } },
      ...errorResponses(400, 401, 409, 413, 415, 429, 500),
    },
  });
}

/**
 * Adds the jambonz voice webhook: `POST {base}/call` (new call), `POST {base}/action` (gather
 * result: speech transcript or keys), `POST {base}/status` (call status). Answers are jambonz verb
 * arrays. Requests without a valid signature or secret get 401 and change nothing.
 * Returns a function that unsubscribes from the engine.
 */
export function mountVoice(app: Hono, opts: VoiceOptions): () => void {
  if (!opts.secret || opts.secret.length < 16) throw new VoiceConfigError('The voice webhook secret is missing or shorter than 16 characters.');
  const base = opts.basePath ?? '/voice';
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? lineSink(logger.child('phone'));
  const defaultLocale = opts.locale ?? 'de';
  const calls = new Map<string, CallState>();
  const inFlight = new Set<string>();
  const queued = new Map<string, string[]>();
  // Sessions this channel started, and a pseudonym of the caller's number → their latest session,
  // so a staff answer given after the call ended is read out when the citizen calls again.
  const phoneSessions = new Set<string>();
  const callerSessions = new Map<string, string>();
  const callerKey = (from: string) => hmacHex(opts.secret, from.replace(/[^\d+]/g, ''));
  const perCall = createRateLimiter({ capacity: 20, perSecond: 0.5, now: () => now().getTime() });
  const perIp = createRateLimiter({ capacity: 200, perSecond: 20, now: () => now().getTime() });
  // Failed signatures per address: a few mistakes are fine, guessing is not.
  const failures = createRateLimiter({ capacity: 10, perSecond: 0.1, now: () => now().getTime() });
  const nonces = opts.nonces ?? memoryNonceStore();

  // Staff answers and reminders for a phone session arrive outside a turn: speak them next turn.
  const unsubscribe = opts.engine.onOutbound((ev) => {
    // Only sessions of a live call; events of a session being created belong to its first answer.
    if (ev.channel !== 'phone' || inFlight.has(ev.sessionId) || !phoneSessions.has(ev.sessionId)) return;
    const list = queued.get(ev.sessionId) ?? [];
    if (list.length < 20) list.push(ev.text);
    queued.set(ev.sessionId, list);
  });

  const verbOpts = (yesNo: boolean, locale: VoiceLocale) => ({
    actionHook: `${base}/action`, language: RECOGNIZER_LANGUAGE[locale], yesNo, transferNumber: opts.transferNumber,
    officePhone: opts.officePhone, officeHours: opts.officeHours, locale,
  });

  async function readBody(c: Context): Promise<{ raw: string; body: Record<string, unknown> } | Response> {
    if (Number(c.req.header('content-length') ?? '0') > MAX_BODY) return refuse(c, 413, 'too_large', 'Webhook body over 64 KB.');
    const ip = clientIp(c);
    const raw = await c.req.text();
    if (raw.length > MAX_BODY) return refuse(c, 413, 'too_large', 'Webhook body over 64 KB.');
    const url = new URL(c.req.url);
    const check = await verifyWebhook(
      { method: c.req.method, path: url.pathname, query: url.search.replace(/^\?/, ''), body: raw,
        headers: { signature: c.req.header('amtsweg-signature'), jambonz: c.req.header('jambonz-signature') } },
      opts.secret, now().getTime() / 1000, nonces, { acceptJambonz: opts.acceptJambonzSignature },
    );
    if (!check.ok) {
      // Only failures count, so the real jambonz behind the same address is never slowed down by them.
      const limited = check.reason !== 'replayed' ? failures.take(ip) : { ok: true as const };
      if (!limited.ok) {
        c.header('Retry-After', String(limited.retryAfterSeconds));
        return refuse(c, 429, 'rate_limited', 'Too many webhook calls with a wrong signature from this address.');
      }
      if (check.reason === 'replayed') return refuse(c, 409, 'replayed', 'This webhook request was already received; each request id is accepted once.');
      return refuse(c, 401, 'unauthorized', `Webhook refused (${check.reason}). Sign with the same secret as AMTSWEG_VOICE_SECRET (Amtsweg-Signature, see the README).`);
    }
    if (!perIp.take(clientIp(c)).ok) return refuse(c, 429, 'rate_limited', 'Too many webhook calls from this address.');
    try {
      const body = JSON.parse(raw) as unknown;
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      return { raw, body: body as Record<string, unknown> };
    } catch {
      return refuse(c, 400, 'bad_json', 'The webhook body is not a JSON object.');
    }
  }

  function refuse(c: Context, status: 400 | 401 | 409 | 413 | 429, code: string, message: string): Response {
    log({ level: 'warn', msg: 'voice webhook refused', code, path: c.req.path });
    return c.json({ error: { code, message } }, status);
  }

  async function yesNoPending(sessionId: string): Promise<boolean> {
    const view = await opts.engine.view(sessionId);
    const p = view.pending;
    if (!p) return false;
    if (p.kind === 'confirm_slot' || p.kind === 'confirm_summary') return true;
    if (p.kind === 'slot') {
      const def = opts.services?.find((s) => s.id === view.service)?.definition;
      return def?.slots[p.slot]?.type === 'boolean';
    }
    return false;
  }

  async function answer(call: CallState, result: TurnResult, afterFirst: string[] = []): Promise<JambonzVerb[]> {
    const pending = queued.get(call.sessionId) ?? [];
    queued.delete(call.sessionId);
    // On a handoff the phone says itself what happens next (transfer, or the office's number).
    const texts = result.messages.map((m) => m.text).filter((t) => result.status !== 'handoff' || t !== msg(call.locale, 'handoff'));
    const said = [...pending, ...texts.slice(0, 1), ...afterFirst, ...texts.slice(1)];
    call.lastPrompt = result.messages.length ? result.messages.map((m) => m.text) : call.lastPrompt;
    const yesNo = result.status === 'active' ? await yesNoPending(call.sessionId) : false;
    return turnVerbs(said, result.status, verbOpts(yesNo, call.locale));
  }

  // Memory stays bounded however many calls come in: the oldest entries go first.
  function remember(set: Set<string>, id: string): void {
    set.add(id);
    if (set.size > MAX_TRACKED) set.delete(set.values().next().value as string);
  }
  function trim(map: Map<string, unknown>): void {
    while (map.size > MAX_TRACKED) map.delete(map.keys().next().value as string);
  }

  function endCall(callSid: string): void {
    const call = calls.get(callSid);
    calls.delete(callSid);
  }

  async function turn(sessionId: string, fn: () => Promise<TurnResult>): Promise<TurnResult> {
    inFlight.add(sessionId);
    try { return await fn(); } finally { inFlight.delete(sessionId); }
  }

  addRoute(app, voiceRoute(`${base}/call`, 'A call starts: jambonz asks what to say (signed, see docs/security.md)'), async (c) => {
    const r = await readBody(c);
    if (r instanceof Response) return r;
    const callSid = typeof r.body.call_sid === 'string' ? r.body.call_sid : '';
    if (!callSid) return refuse(c, 400, 'bad_request', 'Field "call_sid" is missing.');
    const asked = c.req.query('locale');
    const locale: VoiceLocale = asked && (VOICE_LOCALES as readonly string[]).includes(asked) ? voiceLocale(asked) : defaultLocale;
    const texts = voiceTexts(locale);
    const from = typeof r.body.from === 'string' && /\d{3,}/.test(r.body.from) ? callerKey(r.body.from) : undefined;
    try {
      const earlier = from ? callerSessions.get(from) : undefined;
      const waiting = earlier ? queued.get(earlier) ?? [] : [];
      if (earlier && waiting.length > 0) {
        queued.delete(earlier);
        const view = await opts.engine.view(earlier);
        // The answer is read in the language of the call it answers.
        const was = voiceLocale(view.locale);
        const heard = [voiceTexts(was).messageWaiting, ...waiting];
        log({ level: 'info', msg: 'voice call delivers staff answer', session: earlier });
        if (view.status !== 'active') return c.json(turnVerbs(heard, view.status, verbOpts(false, was)));
        const call: CallState = { sessionId: earlier, silence: 0, lastPrompt: waiting, locale: was };
        calls.set(callSid, call);
        return c.json(turnVerbs(heard, 'active', verbOpts(await yesNoPending(earlier), was)));
      }
      const service = c.req.query('service') ?? opts.service;
      let sessionId = '';
      const created = await opts.engine.createSession({ service, locale, channel: 'phone' }).then((s) => { sessionId = s.id; return s; });
      const call: CallState = { sessionId, silence: 0, lastPrompt: [], locale };
      calls.set(callSid, call);
      remember(phoneSessions, sessionId);
      if (from) { callerSessions.delete(from); callerSessions.set(from, sessionId); trim(callerSessions); }
      trim(calls);
      log({ level: 'info', msg: 'voice call started', session: sessionId });
      return c.json(await answer(call, created, [texts.humanHint]));
    } catch (err) {
      log({ level: 'error', msg: 'voice call failed', error: (err as Error)?.name });
      return c.json(sayAndHangup(texts.failure, locale));
    }
  });

  addRoute(app, voiceRoute(`${base}/action`, 'The caller said or pressed something (signed)'), async (c) => {
    const r = await readBody(c);
    if (r instanceof Response) return r;
    const callSid = typeof r.body.call_sid === 'string' ? r.body.call_sid : '';
    const call = calls.get(callSid);
    if (!call) {
      log({ level: 'warn', msg: 'voice action for unknown call' });
      return c.json(sayAndHangup(voiceTexts(defaultLocale).unknownCall, defaultLocale));
    }
    const { locale } = call;
    const texts = voiceTexts(locale);
    if (!perCall.take(callSid).ok) return c.json(turnVerbs([texts.busy], 'active', verbOpts(false, locale)));
    try {
      const digits = typeof r.body.digits === 'string' ? r.body.digits.replace(/[#*]/g, '') : '';
      const speech = r.body.speech as { alternatives?: { transcript?: string }[] } | undefined;
      const transcript = speech?.alternatives?.[0]?.transcript?.trim() ?? '';
      if (digits === '0') {
        const handed = await turn(call.sessionId, () => opts.engine.requestHandoff(call.sessionId, 'phone: caller pressed 0'));
        const verbs = await answer(call, handed);
        endCall(callSid);
        return c.json(verbs);
      }
      let text = '';
      if (digits) {
        const yesNo = await yesNoPending(call.sessionId);
        text = yesNo && digits === '1' ? (locale === 'en' ? 'yes' : 'ja') : yesNo && digits === '2' ? (locale === 'en' ? 'no' : 'nein') : digits;
      } else if (transcript) {
        text = locale === 'de' ? normalizeSpoken(transcript) : transcript;
      }
      if (!text) {
        call.silence += 1;
        if (call.silence >= 3) return c.json(sayAndHangup(texts.silenceBye, locale));
        return c.json(turnVerbs([texts.notHeard, ...call.lastPrompt], 'active', verbOpts(await yesNoPending(call.sessionId), locale)));
      }
      call.silence = 0;
      const result = await turn(call.sessionId, () => opts.engine.sendMessage(call.sessionId, text.slice(0, 2000)));
      if (result.status !== 'active') endCall(callSid);
      return c.json(await answer(call, result));
    } catch (err) {
      const name = (err as Error)?.name ?? 'Error';
      log({ level: 'error', msg: 'voice turn failed', error: name, session: call.sessionId });
      if (name === 'SessionBusyError') return c.json(turnVerbs([texts.busy], 'active', verbOpts(false, locale)));
      endCall(callSid);
      return c.json(sayAndHangup(texts.failure, locale));
    }
  });

  addRoute(app, voiceRoute(`${base}/status`, 'Call status changes (signed)'), async (c) => {
    const r = await readBody(c);
    if (r instanceof Response) return r;
    const status = String(r.body.call_status ?? '');
    if (['completed', 'failed', 'no-answer', 'busy'].includes(status)) endCall(String(r.body.call_sid ?? ''));
    return c.json({ ok: true });
  });

  return unsubscribe;
}
