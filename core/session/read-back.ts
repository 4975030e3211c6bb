/**
 * Whether a value in a snapshot still waits for its read-back ("Ich habe verstanden: … Stimmt
 * das?"): it counts only after the citizen confirmed it, and a "nein" drops it. Used by the
 * understanding figures (authoring/eval) to count values that count; the session itself asks
 * through `needsConfirmation`.
 */
import { runtimeFor } from './runtime';
import { needsConfirmation } from './scope';
import type { Turn } from './turn';
import type { CompiledService, SessionSnapshot } from './types';

/** True when `slot` is filled in `snapshot` and waits to be read back before it counts. */
export function awaitsReadBack(compiled: CompiledService, snapshot: SessionSnapshot, slot: string): boolean {
  // needsConfirmation reads only the snapshot's slots, the definition and the runtime.
  const view = { rt: runtimeFor(compiled), def: compiled.definition, s: snapshot } as unknown as Turn;
  return needsConfirmation(view, slot);
}
