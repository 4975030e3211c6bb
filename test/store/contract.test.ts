/**
 * The store contract, the same cases on SQLite and on a real PostgreSQL: calendar without double
 * booking under concurrency, idempotency records, outbox claims and leases, case index, e-mail
 * threads, webhook nonces, retention, migrations.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { Pool } from 'pg';
import { GELSENKIRCHEN_LOCATIONS, type Location } from '../../activities/calendar';
import { openStore, type SharedStore } from '../../store';
import { tableNames } from '../../store/migrations';
import { BACKENDS, type Backend } from './backends';

const horst = GELSENKIRCHEN_LOCATIONS.find((l) => l.id === 'horst') as Location;
const twoDesks: Location = { ...horst, id: 'zwei_tische', name: 'Zwei Tische', desks: 2 };
const NOW = '2026-11-20T09:00:00.000Z';
const req = (key: string, over: Partial<Parameters<SharedStore['calendar']['book']>[0]> = {}) => ({
  location: horst, date: '2026-11-24', notBefore: 0, duration: 10, concerns: ['fuehrungszeugnis'], key, now: NOW, searchDays: 30, ...over,
});

describe.each(BACKENDS.map((b) => [b().name, b] as const))('store contract on %s', (_name, make) => {
  let backend: Backend;
  let store: SharedStore;
  beforeAll(async () => {
    backend = make();
    store = await backend.open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await backend?.cleanup();
  });

  test('migrations: every table exists; opening again migrates nothing twice', async () => {
    const url = await backend.url();
    const again = await openStore({ url });
    await again.ping();
    await again.close();
    const k = backend.name === 'postgres'
      ? new Kysely<never>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) }) })
      : new Kysely<never>({ dialect: new SqliteDialect({ database: new Database(url.replace(/^sqlite:/, ''), { readonly: true }) }) });
    try {
      expect(await tableNames(k as never)).toEqual(['action_runs', 'address_challenges', 'address_confirmed', 'calendar_booking_contacts', 'calendar_bookings', 'calendar_occupancy', 'cases', 'email_attachments', 'email_message_ids', 'email_our_ids', 'email_threads', 'nonces', 'outbox', 'payload_keys']);
    } finally {
      await k.destroy();
    }
  });

  test('calendar: a key books once; 40 concurrent bookings of one desk and day never overlap', async () => {
    const first = await store.calendar.book(req('same-key'));
    const again = await store.calendar.book(req('same-key'));
    expect(first).toMatchObject({ ok: true, existing: false });
    expect(again).toMatchObject({ ok: true, existing: true });
    expect(again.ok && first.ok && again.booking.booking === first.booking.booking).toBe(true);

    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => store.calendar.book(req(`c-${i}`, { date: '2026-11-26' }))));
    const booked = results.map((r) => (r.ok ? r.booking : undefined));
    expect(booked.every(Boolean)).toBe(true);
    const starts = booked.map((b) => `${b!.date}T${b!.startMin}`);
    expect(new Set(starts).size).toBe(40);
    const day = await store.calendar.bookings('horst', '2026-11-26');
    expect(day).toHaveLength(40);
    for (let i = 1; i < day.length; i++) expect(day[i].startMin).toBeGreaterThanOrEqual(day[i - 1].endMin);
  }, 60_000);

  test('calendar: two desks fill in parallel; a full calendar answers no_free_slot', async () => {
    const a = await store.calendar.book(req('d1', { location: twoDesks, date: '2026-12-01', notBefore: 8 * 60 }));
    const b = await store.calendar.book(req('d2', { location: twoDesks, date: '2026-12-01', notBefore: 8 * 60 }));
    expect(a.ok && b.ok && [a.booking.desk, b.booking.desk].sort()).toEqual([1, 2]);
    expect(a.ok && b.ok && a.booking.startMin === b.booking.startMin).toBe(true);
    // A day whose only opening is shorter than the appointment, searched for one day: nothing.
    expect(await store.calendar.book(req('long', { date: '2026-11-29', duration: 600, searchDays: 1 }))).toEqual({ ok: false, code: 'no_free_slot' });
  });

  test('calendar: cancel frees the units; of two concurrent cancellations exactly one wins', async () => {
    const b = await store.calendar.book(req('to-cancel', { date: '2026-12-02' }));
    if (!b.ok) throw new Error('not booked');
    const [x, y] = await Promise.all([store.calendar.cancel(b.booking.booking, NOW), store.calendar.cancel(b.booking.booking, NOW)]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([x, y].find((r) => !r.ok)).toEqual({ ok: false, code: 'already_cancelled' });
    expect(await store.calendar.cancel('GE-NOPENOPE', NOW)).toEqual({ ok: false, code: 'booking_not_found' });
    expect((await store.calendar.taken('horst', '2026-12-02')).size).toBe(0);
    const again = await store.calendar.book(req('after-cancel', { date: '2026-12-02' }));
    expect(again.ok && again.booking.startMin).toBe(b.booking.startMin);
  });

  test('idempotency records: the first record of a key stands', async () => {
    expect(await store.idempotency.find('s1/e1')).toBeUndefined();
    const mine = { key: 's1/e1', name: 'x', result: Buffer.from('"one"'), sealed: false, createdAt: NOW };
    expect(await store.idempotency.record(mine)).toBe(mine);
    const later = await store.idempotency.record({ ...mine, result: Buffer.from('"two"'), createdAt: '2026-11-20T10:00:00.000Z' });
    expect(later.result.toString()).toBe('"one"');
    expect((await store.idempotency.find('s1/e1'))?.result.toString()).toBe('"one"');
  });

  test('outbox: enqueue once per id, claim once, lease expiry makes it due again, settle once', async () => {
    const row = { sessionId: 'so', template: 't', channel: 'email' as const, locale: 'en', payload: Buffer.from([1, 2, 3]), sealed: true, now: NOW };
    expect(await store.outbox.enqueue({ ...row, id: 'o1' })).toBe(true);
    expect(await store.outbox.enqueue({ ...row, id: 'o1' })).toBe(false);
    expect(await store.outbox.enqueue({ ...row, id: 'o2', channel: 'sms', now: '2026-11-20T09:00:01.000Z' })).toBe(true);
    expect((await store.outbox.pending(NOW, 10, 'email')).map((r) => [r.id, r.locale, r.payload.toString('hex'), r.sealed])).toEqual([['o1', 'en', '010203', true]]);
    expect((await store.outbox.pending('2026-11-20T09:00:05.000Z', 10)).map((r) => r.id)).toEqual(['o1', 'o2']);
    const claims = await Promise.all([store.outbox.claim('o1', NOW, 60_000), store.outbox.claim('o1', NOW, 60_000)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await store.outbox.pending(NOW, 10, 'email')).toEqual([]);
    expect(await store.outbox.nextDueAt('email')).toBe('2026-11-20T09:01:00.000Z');
    const late = '2026-11-20T09:01:00.000Z';
    expect(await store.outbox.pending(late, 10, 'email')).toEqual([expect.objectContaining({ id: 'o1', status: 'sending', attempts: 1 })]);
    expect(await store.outbox.claim('o1', late, 60_000)).toBe(true);
    expect(await store.outbox.markFailed('o1', 'EENVELOPE:550 <erika@example.org>', '2026-11-20T10:00:00.000Z')).toBe(true);
    expect(await store.outbox.pending(late, 10, 'email')).toEqual([]);
    const [failed] = await store.outbox.ofSession('so');
    expect(failed).toMatchObject({ status: 'queued', attempts: 2, lastError: 'EENVELOPE:550 <<address>>' });
    expect(await store.outbox.markSent('o1', late)).toBe(true);
    expect(await store.outbox.markSent('o1', late)).toBe(false);
    expect(await store.outbox.markFailed('o2', 'refused')).toBe(true);
    expect(await store.outbox.counts()).toEqual({ queued: 0, sending: 0, sent: 1, failed: 1 });
  });

  test('case index: upsert, update, list newest first by desk state, remove', async () => {
    const base = { service: 'termin', channel: 'web', status: 'handoff', engine: 'temporal' as const, createdAt: NOW };
    await store.cases.upsert({ ...base, sessionId: 'c1', desk: 'handoff', handoffReason: 'citizen_request', updatedAt: '2026-11-20T09:00:01.000Z' });
    await store.cases.upsert({ ...base, sessionId: 'c2', desk: 'handoff', updatedAt: '2026-11-20T09:00:02.000Z' });
    await store.cases.upsert({ ...base, sessionId: 'c3', desk: 'closed', updatedAt: '2026-11-20T09:00:03.000Z' });
    expect((await store.cases.list()).map((c) => c.sessionId)).toEqual(['c2', 'c1']);
    await store.cases.upsert({ ...base, sessionId: 'c1', desk: 'taken', takenBy: 'mitarbeiterin', handoffReason: 'citizen_request', updatedAt: '2026-11-20T09:00:04.000Z' });
    expect(await store.cases.list({ status: 'taken' })).toEqual([{ ...base, sessionId: 'c1', desk: 'taken', takenBy: 'mitarbeiterin', handoffReason: 'citizen_request', updatedAt: '2026-11-20T09:00:04.000Z' }]);
    expect((await store.cases.list({ status: 'all' })).map((c) => c.sessionId)).toEqual(['c1', 'c2']);
    await store.cases.upsert({ ...base, sessionId: 'c4', desk: 'returned', updatedAt: '2026-11-20T09:00:05.000Z' });
    expect((await store.cases.list({ status: 'closed' })).map((c) => c.sessionId)).toEqual(['c4', 'c3']);
    await store.cases.remove('c2');
    expect(await store.cases.get('c2')).toBeUndefined();
    expect((await store.cases.get('c3'))?.desk).toBe('closed');
  });

  test('threads: message ids find their session (newest reference wins), threads are kept sealed as given', async () => {
    await store.threads.linkMessageId('<a@x>', 'sa', NOW);
    await store.threads.linkMessageId('<b@x>', 'sb', NOW);
    await store.threads.linkMessageId('<A@X>', 'other', NOW); // same id, other case: the first link stands
    expect(await store.threads.seen('a@x')).toBe(true);
    expect(await store.threads.seen('<c@x>')).toBe(false);
    expect(await store.threads.sessionOfMessageIds(['<a@x>', '<b@x>'])).toBe('sb');
    expect(await store.threads.sessionOfMessageIds(['<b@x>', '<a@x>', '<zzz@x>'])).toBe('sa');
    expect(await store.threads.sessionOfMessageIds([])).toBeUndefined();
    await store.threads.saveThread('sa', Buffer.from('v1'), NOW);
    await store.threads.saveThread('sa', Buffer.from('v2'), NOW);
    expect((await store.threads.thread('sa'))?.toString()).toBe('v2');
    expect(await store.threads.thread('nobody')).toBeUndefined();
  });

  test('e-mail state: our ids, attachments, address challenges taken once, confirmed addresses', async () => {
    await store.threads.markOurs('<ours-1@stadt>', 'so', NOW);
    await store.threads.linkMessageId('<citizen-1@x>', 'so', NOW);
    expect(await store.threads.sessionOfOurIds(['<citizen-1@x>'])).toBeUndefined();
    expect(await store.threads.sessionOfOurIds(['<OURS-1@stadt>', '<citizen-1@x>'])).toBe('so');
    expect((await store.threads.allThreads()).map((t) => t.sessionId)).toEqual(expect.arrayContaining(['sa']));
    await store.threads.saveAttachment({ id: 'att1', sessionId: 'so', metaSealed: Buffer.from('m'), contentType: 'application/pdf', size: 3, dataSealed: Buffer.from('pdf'), receivedAt: NOW });
    expect((await store.threads.attachments('so')).map((a) => [a.id, a.contentType, a.size, a.dataSealed.toString()])).toEqual([['att1', 'application/pdf', 3, 'pdf']]);
    expect((await store.threads.attachment('att1'))?.metaSealed.toString()).toBe('m');
    const row = { id: 'ch1', lane: 'so', addrHash: 'h-addr', refHash: 'h-ref', codeHash: 'h-code', payload: Buffer.from('held'), attempts: 0, createdAt: NOW, expiresAt: '2026-11-22T09:00:00.000Z' };
    await store.confirmations.hold(row);
    expect(await store.confirmations.get('ch1', NOW)).toEqual(row);
    expect(await store.confirmations.get('ch1', '2026-11-23T00:00:00.000Z')).toBeUndefined();
    expect((await store.confirmations.ofAddress('h-addr', NOW)).map((r) => r.id)).toEqual(['ch1']);
    expect(await store.confirmations.failedAttempt('ch1')).toBe(1);
    expect(await store.confirmations.failedAttempt('ch1')).toBe(2);
    const takes = await Promise.all([store.confirmations.take('ch1'), store.confirmations.take('ch1')]);
    expect(takes.sort()).toEqual([false, true]);
    expect(await store.confirmations.failedAttempt('ch1')).toBe(0);
    expect(await store.confirmations.isConfirmed('h-addr')).toBe(false);
    await store.confirmations.confirm('h-addr', NOW);
    await store.confirmations.confirm('h-addr', NOW);
    expect(await store.confirmations.isConfirmed('h-addr')).toBe(true);
    await store.confirmations.hold({ ...row, id: 'ch2', expiresAt: '2026-11-20T09:00:01.000Z' });
    expect(await store.confirmations.purgeExpired('2026-11-21T00:00:00.000Z')).toBe(1);
  });

  test('outbox in session order: a reply waits for the earlier undelivered reply of its session; notifications never see replies', async () => {
    const at = '2026-11-20T08:00:00.000Z';
    for (const [id, sid] of [['r:1', 'sr1'], ['r:2', 'sr1'], ['r:3', 'sr2']]) {
      await store.outbox.enqueue({ id, sessionId: sid, template: 'email.reply', channel: 'reply', payload: Buffer.from(id), sealed: true, now: at });
    }
    expect((await store.outbox.pending(at, 10, 'reply', { inSessionOrder: true })).map((r) => r.id)).toEqual(['r:1', 'r:3']);
    expect((await store.outbox.pending(at, 10, 'reply')).map((r) => r.id)).toEqual(['r:1', 'r:2', 'r:3']);
    expect((await store.outbox.pending(at, 10, ['email', 'sms'])).map((r) => r.channel)).not.toContain('reply');
    expect(await store.outbox.claim('r:1', at, 60_000)).toBe(true);
    expect((await store.outbox.pending(at, 10, 'reply', { inSessionOrder: true })).map((r) => r.id)).toEqual(['r:3']);
    expect(await store.outbox.markSent('r:1', at, { dropPayload: true })).toBe(true);
    expect((await store.outbox.pending(at, 10, 'reply', { inSessionOrder: true })).map((r) => r.id)).toEqual(['r:2', 'r:3']);
    expect((await store.outbox.ofSession('sr1')).map((r) => [r.id, r.payload.length])).toEqual([['r:1', 0], ['r:2', 3]]);
    expect(await store.outbox.nextDueAt('reply')).toBe(at);
    for (const id of ['r:2', 'r:3']) await store.outbox.markFailed(id, 'test');
  });

  test('nonces: a (scope, id) is accepted once until it expires, concurrently too', async () => {
    const exp = '2026-11-20T09:05:00.000Z';
    const tries = await Promise.all(Array.from({ length: 8 }, () => store.nonces.claim('phone', 'n1', exp, NOW)));
    expect(tries.filter(Boolean)).toHaveLength(1);
    expect(await store.nonces.claim('sms', 'n1', exp, NOW)).toBe(true);
    expect(await store.nonces.claim('phone', 'n1', '2026-11-20T09:20:00.000Z', '2026-11-20T09:10:00.000Z')).toBe(true);
    expect(await store.nonces.claim('phone', 'n1', '2026-11-20T09:20:00.000Z', '2026-11-20T09:11:00.000Z')).toBe(false);
    expect(await store.nonces.purgeExpired('2026-11-20T09:30:00.000Z')).toBe(2);
  });

  test('nonces: a released claim (its work failed) can be claimed again, once', async () => {
    const exp = '2026-11-27T09:00:00.000Z';
    expect(await store.nonces.claim('email-message', 'm1', exp, NOW)).toBe(true);
    expect(await store.nonces.claim('email-message', 'm1', exp, NOW)).toBe(false);
    await store.nonces.release('email-message', 'm1');
    const again = await Promise.all(Array.from({ length: 6 }, () => store.nonces.claim('email-message', 'm1', exp, NOW)));
    expect(again.filter(Boolean)).toHaveLength(1);
  });

  test('payload keys: the first of racing creators stands; shred leaves a tombstone, once', async () => {
    const [a, b] = await Promise.all([
      store.payloadKeys.create('pk1', Buffer.from('first'), NOW), store.payloadKeys.create('pk1', Buffer.from('second'), NOW),
    ]);
    expect(a).toEqual(b);
    expect('sealed' in a && ['first', 'second'].includes(a.sealed.toString())).toBe(true);
    expect(await store.payloadKeys.get('pk1')).toEqual(a);
    expect(await store.payloadKeys.get('pk-none')).toBeUndefined();
    expect(await store.payloadKeys.shred('pk1', '2026-12-24T00:00:00.000Z')).toBe(true);
    expect(await store.payloadKeys.shred('pk1', '2026-12-25T00:00:00.000Z')).toBe(false);
    expect(await store.payloadKeys.get('pk1')).toEqual({ shreddedAt: '2026-12-24T00:00:00.000Z' });
    expect(await store.payloadKeys.create('pk1', Buffer.from('again'), NOW)).toEqual({ shreddedAt: '2026-12-24T00:00:00.000Z' });
  });

  test('retention: forgetting a session removes its outbox rows, thread, ids, case and records, nothing else', async () => {
    const sid = 's_forget_me';
    await store.outbox.enqueue({ id: `${sid}:1`, sessionId: sid, template: 't', channel: 'email', payload: Buffer.from('x'), sealed: false, now: NOW });
    await store.outbox.enqueue({ id: 's_keep:1', sessionId: 's_keep', template: 't', channel: 'email', payload: Buffer.from('x'), sealed: false, now: NOW });
    await store.threads.linkMessageId('<forget@x>', sid, NOW);
    await store.threads.saveThread(sid, Buffer.from('t'), NOW);
    await store.threads.markOurs('<ours-forget@x>', sid, NOW);
    await store.threads.saveAttachment({ id: 'att-forget', sessionId: sid, metaSealed: Buffer.from('m'), contentType: 'image/png', size: 1, dataSealed: Buffer.from('p'), receivedAt: NOW });
    await store.confirmations.hold({ id: 'ch-forget', lane: sid, addrHash: 'h-f', codeHash: 'c', payload: Buffer.from('x'), attempts: 0, createdAt: NOW, expiresAt: '2026-12-20T00:00:00.000Z' });
    await store.cases.upsert({ sessionId: sid, service: 's', channel: 'email', status: 'handoff', desk: 'handoff', engine: 'embedded', createdAt: NOW, updatedAt: NOW });
    await store.idempotency.record({ key: `${sid}:2`, name: 'x', result: Buffer.from('1'), sealed: false, createdAt: NOW });
    await store.idempotency.record({ key: 's_forget_mX:2', name: 'x', result: Buffer.from('1'), sealed: false, createdAt: NOW });
    await store.retention.forgetSession(sid);
    expect(await store.outbox.ofSession(sid)).toEqual([]);
    expect(await store.outbox.ofSession('s_keep')).toHaveLength(1);
    expect(await store.threads.seen('<forget@x>')).toBe(false);
    expect(await store.threads.thread(sid)).toBeUndefined();
    expect(await store.threads.sessionOfOurIds(['<ours-forget@x>'])).toBeUndefined();
    expect(await store.threads.attachments(sid)).toEqual([]);
    expect(await store.confirmations.get('ch-forget', NOW)).toBeUndefined();
    expect(await store.cases.get(sid)).toBeUndefined();
    expect(await store.idempotency.find(`${sid}:2`)).toBeUndefined();
    expect(await store.idempotency.find('s_forget_mX:2')).toBeDefined();
    const purged = await store.retention.purgeExpired({ now: '2027-01-01T00:00:00.000Z', settledBefore: '2027-01-01T00:00:00.000Z' });
    expect(purged.outbox).toBeGreaterThanOrEqual(2); // the sent and the failed row of the outbox case
    expect(await store.outbox.ofSession('s_keep')).toHaveLength(1); // still queued: kept
  });
});

test('a URL that is neither postgres:// nor sqlite: is refused with a code and the fix', async () => {
  await expect(openStore({ url: 'mysql://root:geheim@db/amtsweg' })).rejects.toMatchObject({ code: 'store_bad_url', message: expect.stringMatching(/\*\*\*.*AMTSWEG_DATABASE_URL/) });
  await expect(openStore({ url: 'postgres://nobody:pw@127.0.0.1:1/none' })).rejects.toMatchObject({ code: 'store_unreachable', message: expect.stringMatching(/nothing listens/) });
});
