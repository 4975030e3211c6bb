/**
 * Issue 12: an address typed into a conversation is proven by a code before anything is booked
 * for it or mailed to it — on the embedded engine and on Temporal (real dev server), through the
 * one host loop. The code goes out through the durable outbox; a wrong code is asked again, three
 * wrong codes hand the case to a person, and an address the e-mail channel proved is not asked.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine } from '../../host/embedded';
import { createTemporalEngine } from '../../host/temporal/engine';
import { startWorker, type RunningWorker } from '../../host/temporal/worker';
import { randomKeyRing } from '../../host/temporal/codec';
import type { Engine } from '../../host/types';
import { openStore, type SharedStore } from '../../store';
import { BOOKING_SCRIPT, loadDefinition, TODAY } from '../e2e/harness';
import { testTemporalAddress } from '../temporal/server';

const ADDRESS = 'erika.mustermann@example.org';
const services = [loadDefinition('terminvereinbarung')];
const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'amtsweg-proof-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const text = (r: { messages: { text: string }[] }) => r.messages.map((m) => m.text).join('\n');

/** The citizen's answers up to the summary's "ja": the booking step comes next. */
async function toBooking(engine: Engine, channel: 'web' | 'email' = 'web', proven?: string[]) {
  const s = await engine.createSession({ service: 'terminvereinbarung', channel, ...(proven ? { provenAddresses: proven } : {}) });
  let last = { messages: [] as { text: string }[], status: '' };
  for (const line of BOOKING_SCRIPT) last = await engine.sendMessage(s.id, line);
  return { id: s.id, last };
}

async function codesFor(engine: Engine, sessionId: string): Promise<string[]> {
  const items = (await engine.outbox!.pending(50, { channel: 'email' })).filter((i) => i.sessionId === sessionId && i.template === 'adresse_code');
  for (const i of items) expect(i.to).toBe(ADDRESS);
  return items.map((i) => String(i.data.code));
}

const booked = async (store: SharedStore) => (await store.calendar.bookings('buer', '2026-11-27')).length;

function suite(name: string, open: () => Promise<{ engine: Engine; store: SharedStore; close(): Promise<void> }>) {
  describe(name, () => {
    let engine: Engine;
    let store: SharedStore;
    let close: () => Promise<void>;
    beforeAll(async () => { ({ engine, store, close } = await open()); }, 180_000);
    afterAll(async () => { await close?.(); });

    test('nothing is booked or mailed before the code; a wrong code is asked again; the right one books', async () => {
      const before = await booked(store);
      const { id, last } = await toBooking(engine);
      expect(text(last)).toContain(`Bestätigungscode an ${ADDRESS}`);
      expect(last.status).toBe('active');
      expect(await booked(store)).toBe(before);
      const [code] = await codesFor(engine, id);
      expect(code).toMatch(/^\d{4}-\d{4}$/);
      // No confirmation of a booking has gone out: only the code.
      expect((await engine.outbox!.pending(50)).filter((i) => i.sessionId === id).map((i) => i.template)).toEqual(['adresse_code']);
      const wrong = code === '1111-1111' ? '2222-2222' : '1111-1111';
      const again = await engine.sendMessage(id, `Der Code ist ${wrong}`);
      expect(text(again)).toContain('stimmt leider nicht');
      expect(await booked(store)).toBe(before);
      const done = await engine.sendMessage(id, code);
      expect(text(done)).toContain('Ihr Termin ist gebucht');
      expect(await booked(store)).toBe(before + 1);
      expect((await engine.outbox!.pending(50)).filter((i) => i.sessionId === id).map((i) => i.template).sort()).toEqual(['adresse_code', 'termin_bestaetigung']);
      // A code works once and for its session only: the view shows no code.
      expect(JSON.stringify(await engine.view(id))).not.toContain(code.replace('-', ''));
    }, 180_000);

    test('three wrong codes hand the case to a person; nothing is booked', async () => {
      const before = await booked(store);
      const { id } = await toBooking(engine);
      await engine.sendMessage(id, '1234-5678');
      await engine.sendMessage(id, 'keine Ahnung');
      const third = await engine.sendMessage(id, '8765-4321');
      expect(third.status).toBe('handoff');
      expect(text(third)).toContain('nicht bestätigt');
      expect(await booked(store)).toBe(before);
    }, 180_000);

    test('an address the e-mail channel proved is not asked for again', async () => {
      const before = await booked(store);
      const { id, last } = await toBooking(engine, 'email', [ADDRESS.toUpperCase()]);
      expect(text(last)).toContain('Ihr Termin ist gebucht');
      expect(await codesFor(engine, id)).toEqual([]);
      expect(await booked(store)).toBe(before + 1);
    }, 180_000);
  });
}

suite('embedded engine', async () => {
  const dir = tempDir();
  const engine = await createEmbeddedEngine({ dataDir: dir, services, today: TODAY, addressProof: true, scheduler: false });
  return { engine, store: engine.shared, close: () => engine.close() };
});

suite('Temporal engine (dev server, worker on the same store)', async () => {
  const address = await testTemporalAddress();
  const dir = tempDir();
  const ring = randomKeyRing('proof');
  const taskQueue = `proof-${randomUUID()}`;
  const worker: RunningWorker = await startWorker({ address, taskQueue, dataDir: dir, keyRing: ring, today: TODAY, log: () => {} });
  const store = await openStore({ dataDir: dir });
  const engine = await createTemporalEngine({ address, taskQueue, services, today: TODAY, keyRing: ring, shared: store, addressProof: true });
  return { engine, store, close: async () => { await engine.close(); await worker.shutdown(); await store.close(); } };
});
