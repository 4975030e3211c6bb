import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILT_IN_ACTIONS } from '../activities/specs';
import { loadServiceSource } from '../catalog';
import { createEmbeddedEngine } from '../host/embedded';

// The README's "complete small service" is what a new designer copies first: it must validate
// and run exactly as printed.
const readme = readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8');
const example = /A complete small service:\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

describe('the README example definition', () => {
  it('is there', () => {
    expect(example).toContain('service: hundemarke');
  });

  it('validates without problems, actions and their inputs included', () => {
    const { service, problems } = loadServiceSource(example, 'README.md', { actions: BUILT_IN_ACTIONS });
    expect(problems).toEqual([]);
    expect(service?.id).toBe('hundemarke');
  });

  it('runs to its outcome with the fee from its table', async () => {
    const { service } = loadServiceSource(example, 'README.md');
    const dir = mkdtempSync(path.join(tmpdir(), 'amtsweg-readme-'));
    const engine = await createEmbeddedEngine({ dataDir: dir, services: [service!], today: '2026-11-26', scheduler: false });
    try {
      const s = await engine.createSession({ service: 'hundemarke' });
      for (const text of ['2', 'anna@example.org', 'ja']) await engine.sendMessage(s.id, text);
      const last = await engine.sendMessage(s.id, 'ja');
      expect(last.status).toBe('completed');
      expect(last.outcome).toMatchObject({ id: 'bestellt', values: { gebuehr: 8 } });
      expect(last.messages.map((m) => m.text).join(' ')).toContain('8,00 €');
      expect((await engine.outbox.pending(10)).map((o) => o.template)).toEqual(['nachricht']);
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
