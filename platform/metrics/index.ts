/**
 * Prometheus metrics of a serve or worker process (prom-client, one registry per process): turns
 * and their latency, outcomes by kind, handoffs by reason, LLM calls and rejected proposals, the
 * notification outbox (depth and age of the oldest due message), errors by code. Labels are codes
 * and names only — never a session id, never personal data.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface TurnObservation {
  engine: 'embedded' | 'temporal';
  /** start, message, handoff, cancel, staff, timer. */
  kind: string;
  service: string;
  seconds: number;
  facts?: { outcome?: string; handoffs: string[]; llmCalls: number; llmRejected: number };
}

/** Reads the outbox for the depth and age gauges when Prometheus scrapes. */
export interface OutboxProbe { counts(): { queued: number; sending: number; sent: number; failed: number } | Promise<{ queued: number; sending: number; sent: number; failed: number }>; oldestDueAt?(): string | undefined | Promise<string | undefined> }

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'amtsweg_process_' });

const turns = new Counter({ name: 'amtsweg_turns_total', help: 'Turns run, by engine, kind and service', labelNames: ['engine', 'kind', 'service'] as const, registers: [registry] });
const turnSeconds = new Histogram({
  name: 'amtsweg_turn_seconds', help: 'Turn latency (event to last fed-back action result), by engine and kind',
  labelNames: ['engine', 'kind'] as const, buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
});
const outcomes = new Counter({ name: 'amtsweg_outcomes_total', help: 'Sessions that reached an outcome, by service and outcome kind', labelNames: ['service', 'kind'] as const, registers: [registry] });
const handoffs = new Counter({ name: 'amtsweg_handoffs_total', help: 'Handoffs to a case worker, by reason code', labelNames: ['reason'] as const, registers: [registry] });
const llmCalls = new Counter({ name: 'amtsweg_llm_calls_total', help: 'LLM proposal calls asked for by the core', registers: [registry] });
const llmRejected = new Counter({ name: 'amtsweg_llm_rejections_total', help: 'LLM proposals the core rejected (not grounded, invalid, not asked)', registers: [registry] });
const errors = new Counter({ name: 'amtsweg_errors_total', help: 'Errors by code (engine, HTTP, actions)', labelNames: ['code'] as const, registers: [registry] });
const probes: OutboxProbe[] = [];
new Gauge({
  name: 'amtsweg_outbox_messages', help: 'Notification outbox rows by status', labelNames: ['status'] as const, registers: [registry],
  async collect() {
    this.reset();
    for (const p of probes) {
      const c = await p.counts();
      for (const [status, n] of Object.entries(c)) this.inc({ status }, n);
    }
  },
});
new Gauge({
  name: 'amtsweg_outbox_oldest_due_age_seconds', help: 'Age of the oldest notification waiting for delivery (0 when none)', registers: [registry],
  async collect() {
    let oldest = 0;
    for (const p of probes) {
      const at = await p.oldestDueAt?.();
      if (at) oldest = Math.max(oldest, (Date.now() - Date.parse(at)) / 1000);
    }
    this.set(oldest);
  },
});

/** Counts one turn and what it did. */
export function observeTurn(o: TurnObservation): void {
  turns.inc({ engine: o.engine, kind: o.kind, service: o.service });
  turnSeconds.observe({ engine: o.engine, kind: o.kind }, o.seconds);
  if (!o.facts) return;
  if (o.facts.outcome) outcomes.inc({ service: o.service, kind: o.facts.outcome });
  for (const r of o.facts.handoffs) handoffs.inc({ reason: r });
  if (o.facts.llmCalls) llmCalls.inc(o.facts.llmCalls);
  if (o.facts.llmRejected) llmRejected.inc(o.facts.llmRejected);
}

/** Counts an error by its stable code (`session_busy`, `engine_unavailable`, `internal`, …). */
export function observeError(code: string): void {
  errors.inc({ code: /^[a-z][a-z0-9_]{0,59}$/.test(code) ? code : 'other' });
}

/** Adds an outbox to the depth and age gauges (serve: the engine's; worker: the shared store's). */
export function watchOutbox(probe: OutboxProbe): () => void {
  probes.push(probe);
  return () => { const i = probes.indexOf(probe); if (i >= 0) probes.splice(i, 1); };
}

/** The text exposition Prometheus scrapes, and its content type. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
