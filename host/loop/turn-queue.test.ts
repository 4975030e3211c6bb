import { SessionQueue } from './turn-queue';
import { SessionBusyError } from '../errors';
import { createLogger } from '../../platform/logger';

describe('SessionQueue', () => {
  test('serialises per session, one may wait, the next is refused', async () => {
    const q = new SessionQueue(1);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const first = q.run('a', async () => { order.push('1 start'); await gate; order.push('1 end'); return 1; });
    const second = q.run('a', async () => { order.push('2'); return 2; });
    await expect(q.run('a', async () => 3)).rejects.toBeInstanceOf(SessionBusyError);
    const other = await q.run('b', async () => 'b'); // other sessions are not blocked
    expect(other).toBe('b');
    const internal = q.run('a', async () => { order.push('internal'); return 4; }, false);
    release();
    expect(await Promise.all([first, second, internal])).toEqual([1, 2, 4]);
    expect(order).toEqual(['1 start', '1 end', '2', 'internal']);
    await q.idle();
    expect(await q.run('a', async () => 5)).toBe(5);
  });

  test('a failing task does not block the ones after it', async () => {
    const q = new SessionQueue(1);
    const a = q.run('s', async () => { throw new Error('boom'); });
    const b = q.run('s', async () => 'ok');
    await expect(a).rejects.toThrow('boom');
    await expect(b).resolves.toBe('ok');
  });
});

describe('logger', () => {
  test('writes JSON lines and drops fields that could carry personal data', () => {
    const lines: string[] = [];
    const old = process.env.AMTSWEG_LOG_LEVEL;
    process.env.AMTSWEG_LOG_LEVEL = 'debug';
    try {
      createLogger('test', (l) => lines.push(l)).info('turn.committed', { session: 's1', ms: 3, text: 'Max Mustermann', email: 'a@b.de' });
    } finally {
      if (old === undefined) delete process.env.AMTSWEG_LOG_LEVEL; else process.env.AMTSWEG_LOG_LEVEL = old;
    }
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]);
    expect(rec).toMatchObject({ level: 'info', component: 'test', code: 'turn.committed', session: 's1', ms: 3 });
    expect(lines[0]).not.toContain('Mustermann');
    expect(lines[0]).not.toContain('a@b.de');
  });
});
