/** Which timer of a session is due next: the one answer both hosts' schedulers need. */
import type { SessionSnapshot } from '../../core/session/types';

/** The earliest live timer not fired yet (a core that keeps a fired timer must not make a host spin). */
export function nextTimer(s: SessionSnapshot, fired: ReadonlySet<string> = new Set()): { name: 'reminder' | 'timeout'; at: string } | undefined {
  let best: { name: 'reminder' | 'timeout'; at: string } | undefined;
  for (const [name, at] of Object.entries(s.timers ?? {})) {
    if (name !== 'reminder' && name !== 'timeout') continue;
    if (fired.has(`${name}@${at}`)) continue;
    if (!best || at < best.at) best = { name, at };
  }
  return best;
}
