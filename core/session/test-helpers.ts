/** A tiny conversation driver for the session tests: every call is one `step`. */
import { step } from './step';
import type { CompiledService, Effect, SessionEvent, SessionSnapshot, StepResult, TrailEntry } from './types';

export class Conversation {
  snapshot: SessionSnapshot | null = null;
  last!: StepResult;
  readonly trail: TrailEntry[] = [];
  readonly effects: Effect[] = [];
  private minute = 0;

  constructor(readonly compiled: CompiledService, readonly referenceDate = '2026-03-01') {}

  /** ISO instant of the current turn: one minute per event from 09:00 on the reference date. */
  now(): string {
    const m = String(this.minute % 60).padStart(2, '0');
    const h = String(9 + Math.floor(this.minute / 60)).padStart(2, '0');
    return `${this.referenceDate}T${h}:${m}:00.000Z`;
  }

  send(event: SessionEvent, now = this.now()): StepResult {
    this.last = step(this.compiled, this.snapshot, event, now);
    this.snapshot = this.last.snapshot;
    this.trail.push(...this.last.trail);
    this.effects.push(...this.last.effects);
    this.minute += 1;
    return this.last;
  }

  start(locale: 'de' | 'en' = 'de'): string {
    this.send({ type: 'start', sessionId: 'S1', referenceDate: this.referenceDate, locale, channel: 'web' });
    return this.text();
  }

  /** Sends a citizen message and returns the assistant's answer as one string. */
  say(text: string): string {
    this.send({ type: 'message', text });
    return this.text();
  }

  text(): string {
    return this.last.messages.map((m) => m.text).join('\n');
  }

  get s(): SessionSnapshot {
    if (!this.snapshot) throw new Error('conversation not started');
    return this.snapshot;
  }

  value(slot: string): unknown {
    return this.s.slots[slot]?.value;
  }

  /** The pending action effect of the last step. */
  pendingAction(): Extract<Effect, { kind: 'action' }> {
    const e = this.last.effects.find((x): x is Extract<Effect, { kind: 'action' }> => x.kind === 'action');
    if (!e) throw new Error('no action effect in the last step');
    return e;
  }
}

/** Runs the happy path of the fixture up to the booking action (adult, no e-mail). */
export function toBooking(c: Conversation): void {
  c.start();
  c.say('Ich möchte einen neuen Ausweis, geboren am 13.05.1990');
  c.say('ja');
  c.say('überspringen');
  c.say('45879');
  c.say('ja');
}
