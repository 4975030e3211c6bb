import { createLogger, lineSink } from '.';

function capture(): { lines: Record<string, unknown>[]; write: (l: string) => void } {
  const lines: Record<string, unknown>[] = [];
  return { lines, write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) };
}

const saved = process.env.AMTSWEG_LOG_LEVEL;
beforeAll(() => { process.env.AMTSWEG_LOG_LEVEL = 'debug'; });
afterAll(() => { if (saved === undefined) delete process.env.AMTSWEG_LOG_LEVEL; else process.env.AMTSWEG_LOG_LEVEL = saved; });

test('fields naming personal data are dropped; values that look like addresses or phone numbers are redacted', () => {
  const c = capture();
  const log = createLogger('t', c.write);
  log.info('email.received', { session: 's_1', email: 'erika@example.org', text: 'Hallo', sender: 'erika@example.org', caller: '+49 30 1234567', note: 'ruf an: +49 30 1234567', n: 3 });
  expect(c.lines).toHaveLength(1);
  const line = c.lines[0];
  expect(line).toMatchObject({ level: 'info', component: 't', code: 'email.received', session: 's_1', n: 3, sender: '[redacted]', note: '[redacted]' });
  expect(JSON.stringify(line)).not.toMatch(/erika|Hallo|1234567/);
});

test('a channel line sink goes through the same filter and keeps level and code', () => {
  const c = capture();
  const sink = lineSink(createLogger('email', c.write));
  sink({ level: 'warn', msg: 'email refused', reason: 'sender_rate', to: 'x@y.de', nested: { a: 1 } });
  expect(c.lines[0]).toMatchObject({ level: 'warn', component: 'email', code: 'email refused', reason: 'sender_rate' });
  expect(c.lines[0]).not.toHaveProperty('to');
  expect(c.lines[0]).not.toHaveProperty('nested');
});

test('the level filter applies', () => {
  process.env.AMTSWEG_LOG_LEVEL = 'warn';
  const c = capture();
  const log = createLogger('t', c.write);
  log.info('x');
  log.error('y');
  expect(c.lines.map((l) => l.code)).toEqual(['y']);
  process.env.AMTSWEG_LOG_LEVEL = 'debug';
});
