/**
 * /metrics: turns, latency, outcomes and handoffs appear after real turns on the embedded engine,
 * and the exposition carries no session id and no citizen text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../../catalog';
import { createApp } from '../../channels/http';
import { createEmbeddedEngine } from '../../host/embedded';

it('counts turns, outcomes and handoffs without personal data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'amtsweg-metrics-'));
  const { services } = loadCatalog(resolve(__dirname, '..', '..', 'definitions'));
  const engine = await createEmbeddedEngine({ dataDir: dir, services, today: '2026-11-20', scheduler: false });
  try {
    const a = await engine.createSession({ service: 'terminvereinbarung' });
    await engine.sendMessage(a.id, 'Ich möchte mit einem Menschen sprechen, Max Mustermann');
    const b = await engine.createSession({ service: 'terminvereinbarung' });
    await engine.cancel(b.id);
    const res = await createApp({ engine }).request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/amtsweg_turns_total\{engine="embedded",kind="message",service="terminvereinbarung"\} [1-9]/);
    expect(text).toMatch(/amtsweg_turn_seconds_count\{engine="embedded",kind="start"\} [2-9]/);
    expect(text).toMatch(/amtsweg_handoffs_total\{reason="[a-z_]+"\} [1-9]/);
    expect(text).toContain('amtsweg_outbox_messages');
    for (const secret of [a.id, b.id, 'Mustermann']) expect(text).not.toContain(secret);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
