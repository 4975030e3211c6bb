/** Retention semantics shared by both engines: due dates, high-risk audit trail, reminders before purging open cases. */
import { decideRetention, dueAt, retentionPolicyOf } from './retention';

const base = 'service: x\nprivacy:\n  purpose: p\n  basis: b\n  retention: P30D\n';

describe('retention', () => {
  it('reads privacy.retention; risk: high keeps the audit trail at least P6M, even when it declares less', () => {
    expect(retentionPolicyOf(base)).toEqual({ retention: 'P30D' });
    expect(retentionPolicyOf(`${base}risk: high\n`)).toEqual({ retention: 'P30D', auditRetention: 'P6M' });
    expect(retentionPolicyOf(`${base}  audit_retention: P1M\nrisk: high\n`)).toEqual({ retention: 'P30D', auditRetention: 'P6M' });
    expect(retentionPolicyOf(`${base}  audit_retention: P2Y\nrisk: high\n`)).toEqual({ retention: 'P30D', auditRetention: 'P2Y' });
    expect(retentionPolicyOf('service: x\n')).toBeUndefined();
    expect(retentionPolicyOf('::: not yaml')).toBeUndefined();
    expect(dueAt('2026-03-02T10:15:00.000Z', { retention: 'P30D' })).toBe('2026-04-01T10:15:00.000Z');
    expect(dueAt('2026-03-02T10:15:00.000Z', { retention: 'P30D', auditRetention: 'P6M' })).toBe('2026-09-02T10:15:00.000Z');
  });

  it('ended cases are purged when due; an open case is reminded first, then purged after the grace unless it moved', () => {
    const policy = { retention: 'P30D' };
    const done = { id: 's', service: 'x', status: 'completed' as const, lastActivity: '2026-03-02T10:00:00.000Z', takenBy: null };
    expect(decideRetention(done, policy, '2026-03-31T00:00:00.000Z', undefined).action).toBe('keep');
    expect(decideRetention(done, policy, '2026-04-02T00:00:00.000Z', undefined)).toMatchObject({ action: 'purge', reason: expect.stringContaining('retention P30D reached at 2026-04-01T10:00:00.000Z') });
    const open = { ...done, status: 'handoff' as const, takenBy: 'anna' };
    const first = decideRetention(open, policy, '2026-04-02T00:00:00.000Z', undefined);
    expect(first).toMatchObject({ action: 'remind', first: true, purgeAfter: '2026-04-16T00:00:00.000Z', reason: expect.stringContaining('taken by anna') });
    const reminder = { remindedAt: '2026-04-02T00:00:00.000Z', lastActivity: open.lastActivity, purgeAfter: '2026-04-16T00:00:00.000Z' };
    expect(decideRetention(open, policy, '2026-04-10T00:00:00.000Z', reminder)).toMatchObject({ action: 'remind', first: false });
    expect(decideRetention(open, policy, '2026-04-16T00:00:00.000Z', reminder)).toMatchObject({ action: 'purge', reason: expect.stringContaining('grace ended') });
    // Activity after the reminder: a new due date, the old reminder no longer counts.
    expect(decideRetention({ ...open, lastActivity: '2026-04-05T00:00:00.000Z' }, policy, '2026-04-20T00:00:00.000Z', reminder).action).toBe('keep');
  });
});
