import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionHandler } from '../../activities/types';
import { ActionError } from '../../activities/errors';
import type { EmbeddedEngine } from './options';
import {
  MasterKeyError, MessageTooLargeError, SessionBusyError, SessionClosedError, SessionNotFoundError, UnknownServiceError,
} from '../errors';
import { converse, manualClock, openEngine, sharedRows, tempDataDir } from './engine-helpers.fixture';
import { CITIZEN, fixtureService } from './test-fixture';
import type { OutboundMessage } from '../types';

let dir: string;
let engine: EmbeddedEngine | undefined;
beforeEach(() => { dir = tempDataDir(); });
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('a full conversation', () => {
  test('books an appointment, hash chain intact, everything exported', async () => {
    engine = await openEngine(dir);
    const outbound: OutboundMessage[] = [];
    engine.onOutbound((m) => outbound.push(m));
    expect(engine.services().map((s) => s.id)).toContain('termin_test');
    const created = await engine.createSession({ service: 'termin_test', channel: 'web' });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.messages.length).toBeGreaterThan(0);
    expect(await engine.verifyToken(created.id, created.token)).toBe(true);
    expect(await engine.verifyToken(created.id, created.token.slice(1) + 'A')).toBe(false);
    expect(await engine.verifyToken('s_nope', created.token)).toBe(false);

    await converse(engine, created.id);
    const view = await engine.view(created.id);
    expect(view.status).toBe('completed');
    expect(view.referenceDate).toBe('2026-11-20');
    expect(view.outcome?.id).toBe('gebucht');
    const exported = await engine.exportSession(created.id);
    const action = exported.effects.find((e) => e.kind === 'action')!;
    expect(action).toMatchObject({ name: 'calendar.book', status: 'done', attempts: 1 });
    const termin = action.result as { booking: string; beginn: string };
    expect(termin.booking).toMatch(/^GE-/);
    expect(termin.beginn).toBe('2026-11-24T08:00');
    expect(view.outcome?.text).toContain(termin.booking);
    expect(view.slots.email).toEqual({ value: CITIZEN.email, confirmed: expect.any(Boolean) });
    expect(view.transcript.filter((t) => t.role === 'citizen').map((t) => t.text)).toContain(CITIZEN.email);
    expect(outbound.some((m) => m.sessionId === created.id && m.channel === 'web' && m.text.includes(termin.booking))).toBe(true);

    expect(exported.chain).toEqual({ ok: true, length: exported.events.length });
    expect(exported.events[0].body?.event.type).toBe('start');
    expect(exported.events.some((e) => e.type === 'effect.result')).toBe(true);
    expect(exported.definition?.source).toContain('termin_test');
    expect(sharedRows(engine, 'SELECT COUNT(*) AS n FROM calendar_bookings')).toEqual([{ n: 1 }]);
    await expect(engine.sendMessage(created.id, 'noch was')).rejects.toBeInstanceOf(SessionClosedError);
  });

  test('tampering with a stored event is detected', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    await engine.sendMessage(id, 'Personalausweis');
    await engine.sendMessage(id, 'Buer');
    expect((await engine.verifySession(id)).ok).toBe(true);
    engine.db.prepare("UPDATE events SET digest = ? WHERE session_id = ? AND seq = 2").run('f'.repeat(64), id);
    expect(await engine.verifySession(id)).toMatchObject({ ok: false, seq: 2 });
  });
});

describe('durability and encryption', () => {
  test('snapshot round trip across a restart; no personal data in the file bytes', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    await converse(engine, id);
    const before = await engine.view(id);
    await engine.close();

    const bytes = readdirSync(dir).filter((f) => f.startsWith('amtsweg.db')).map((f) => readFileSync(join(dir, f)));
    expect(bytes.length).toBeGreaterThan(0);
    for (const b of bytes) {
      expect(b.includes(Buffer.from(CITIZEN.email))).toBe(false);
      expect(b.includes(Buffer.from('mustermann'))).toBe(false);
      expect(b.includes(Buffer.from(CITIZEN.date))).toBe(false);
    }
    // The grep itself works: non-personal ids are stored in the clear.
    expect(bytes.some((b) => b.includes(Buffer.from(id)))).toBe(true);

    engine = await openEngine(dir);
    expect(await engine.view(id)).toEqual(before);
  });

  test('a session keeps the definition it started with when the service changes', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    const oldHash = (await engine.exportSession(id)).session.definitionHash;
    await engine.close();
    const changed = fixtureService({ settings: { max_attempts: 5, reminder_after: 'PT20M', timeout_after: 'PT40M' } });
    expect(changed.hash).not.toBe(oldHash);
    engine = await openEngine(dir, { services: [changed] });
    expect(engine.services()[0].hash).toBe(changed.hash);
    await converse(engine, id);
    expect((await engine.view(id)).status).toBe('completed');
    expect((await engine.exportSession(id)).session.definitionHash).toBe(oldHash);
    const fresh = await engine.createSession({ service: 'termin_test' });
    expect((await engine.exportSession(fresh.id)).session.definitionHash).toBe(changed.hash);
  });

  test('a wrong master key is a clear error naming the key id', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    const keyId = (await engine.exportSession(id)).session.keyId;
    await engine.close();
    process.env.AMTSWEG_MASTER_KEY = Buffer.alloc(32, 9).toString('base64');
    try {
      engine = await openEngine(dir);
      const err = await engine.view(id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MasterKeyError);
      expect((err as Error).message).toContain(keyId);
      // The chain still verifies without the key.
      expect(await engine.verifySession(id)).toMatchObject({ ok: true });
    } finally {
      delete process.env.AMTSWEG_MASTER_KEY;
    }
  });

  test('overdue timers fire right after a restart', async () => {
    const clock = manualClock();
    engine = await openEngine(dir, { now: clock.now });
    const { id } = await engine.createSession({ service: 'termin_test' });
    await engine.sendMessage(id, 'Personalausweis');
    const timers = (await engine.exportSession(id)).timers;
    expect(timers.map((t) => t.name).sort()).toEqual(['reminder', 'timeout']);
    await engine.close();

    clock.advance(11 * 60_000); // past the reminder (PT10M), before the timeout (PT30M)
    engine = await openEngine(dir, { now: clock.now });
    const after = await engine.exportSession(id);
    const fired = after.events.filter((e) => e.type === 'timer');
    expect(fired.map((e) => (e.body?.event as { name: string }).name)).toEqual(['reminder']);
    expect(after.timers.every((t) => t.at > clock.iso())).toBe(true);
    expect(after.chain.ok).toBe(true);
    expect(await engine.runDueTimers()).toBe(0);

    clock.advance(60 * 60_000);
    expect(await engine.runDueTimers()).toBeGreaterThan(0);
    const done = await engine.exportSession(id);
    expect(done.events.filter((e) => e.type === 'timer').length).toBeGreaterThanOrEqual(2);
  });

  test('the scheduler fires a due timer by itself', async () => {
    engine = await openEngine(dir, {
      scheduler: true,
      services: [fixtureService({ service: 'termin_fast', settings: { max_attempts: 3, reminder_after: 'PT1S', timeout_after: 'PT1H' } })],
    });
    const { id } = await engine.createSession({ service: 'termin_fast' });
    const deadline = Date.now() + 8000;
    let fired = false;
    while (!fired && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      fired = (await engine.exportSession(id)).events.some((e) => e.type === 'timer');
    }
    expect(fired).toBe(true);
    expect((await engine.exportSession(id)).timers.map((t) => t.name)).not.toContain('reminder');
  });
});

describe('concurrency and errors', () => {
  test('two messages at once: the second waits its turn, a third is refused, none lost', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    const a = engine.sendMessage(id, 'Personalausweis');
    const b = engine.sendMessage(id, 'Buer');
    await expect(engine.sendMessage(id, 'zu viel')).rejects.toBeInstanceOf(SessionBusyError);
    await Promise.all([a, b]);
    const citizen = (await engine.view(id)).transcript.filter((t) => t.role === 'citizen').map((t) => t.text);
    expect(citizen).toEqual(['Personalausweis', 'Buer']);
    expect((await engine.view(id)).slots.standort?.value).toBe('buer');
  });

  test('clear errors for bad input', async () => {
    engine = await openEngine(dir);
    await expect(engine.createSession({ service: 'nope' })).rejects.toBeInstanceOf(UnknownServiceError);
    await expect(engine.sendMessage('s_missing', 'hallo')).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(engine.view('s_missing')).rejects.toMatchObject({ code: 'session_not_found' });
    const { id } = await engine.createSession({ service: 'termin_test' });
    const err = await engine.sendMessage(id, 'ä'.repeat(2049)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageTooLargeError);
    expect((err as Error).message).toContain('4098 bytes');
    await engine.cancel(id);
    expect((await engine.view(id)).status).toBe('cancelled');
    await expect(engine.sendMessage(id, 'hallo')).rejects.toMatchObject({ code: 'session_closed' });
  });
});

describe('actions through the engine', () => {
  async function runWith(handler: ActionHandler) {
    engine = await openEngine(dir, { actions: { 'test.action': handler } });
    const { id } = await engine.createSession({ service: 'termin_action' });
    return id;
  }

  test('retryable failures are retried with the same idempotency key', async () => {
    const keys: string[] = [];
    const id = await runWith((input, ctx) => {
      keys.push(ctx.idempotencyKey);
      if (keys.length < 3) throw new ActionError('busy', 'try again', true);
      return { booking: 'GE-TEST', beginn: `${input.date}T10:00`, location_name: 'Test' };
    });
    await converse(engine!, id);
    const view = await engine!.view(id);
    expect(view.status).toBe('completed');
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect((await engine!.exportSession(id)).effects.find((e) => e.kind === 'action')).toMatchObject({ status: 'done', attempts: 3 });
  });

  test('a non-retryable failure is fed back once and does not complete the case', async () => {
    let calls = 0;
    const id = await runWith(() => { calls++; throw new ActionError('rejected', 'no', false); });
    await converse(engine!, id, undefined, 12).catch(() => undefined);
    expect(calls).toBe(1);
    const exported = await engine!.exportSession(id);
    expect(exported.effects.find((e) => e.kind === 'action')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(exported.events.some((e) => e.type === 'effect.result')).toBe(true);
    expect((await engine!.view(id)).status).not.toBe('completed');
  });
});

describe('case-worker desk', () => {
  test('handoff, take, answer, close', async () => {
    engine = await openEngine(dir);
    const { id } = await engine.createSession({ service: 'termin_test' });
    await engine.sendMessage(id, 'Personalausweis');
    await engine.requestHandoff(id, 'citizen_request');
    const list = await engine.listCases({ status: 'handoff' });
    expect(list.map((c) => c.id)).toEqual([id]);
    expect(list[0].status).toBe('handoff');
    const detail = await engine.caseDetail(id);
    expect(detail.slots.anliegen).toMatchObject({ value: 'personalausweis', source: 'extractor' });
    expect(detail.openQuestions).toEqual(expect.arrayContaining(['standort', 'wunschdatum', 'email']));
    await engine.staffAction(id, { type: 'take', staff: 'sb-17' });
    expect((await engine.listCases({ status: 'taken' }))[0]).toMatchObject({ id, takenBy: 'sb-17' });
    expect(await engine.listCases({ status: 'handoff' })).toEqual([]);
    await engine.staffAction(id, { type: 'answer', staff: 'sb-17', text: 'Wir melden uns morgen.' });
    expect((await engine.view(id)).transcript.some((t) => t.role === 'staff' && t.text.includes('Wir melden uns morgen.'))).toBe(true);
    await engine.staffAction(id, { type: 'close', staff: 'sb-17' });
    expect(await engine.listCases({ status: 'all' })).toEqual([]);
  });
});
