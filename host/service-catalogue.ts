/**
 * The compiled definitions an engine knows: the current version of each service (what new
 * sessions get) and every version ever loaded, by hash (what running sessions finish on).
 * A reload replaces the current versions and forgets none by hash.
 */
import type { CompiledService } from '../core/session/types';

export interface LoadedVersion { id: string; version: string; hash: string }

/** What a reload changed, for logs, `/readyz` and the admin endpoint. */
export interface ReloadResult {
  /** The current version of each service after the reload. */
  current: LoadedVersion[];
  /** Versions new to this process (by hash). */
  added: LoadedVersion[];
  /** Services no longer offered to new sessions (their running sessions finish). */
  withdrawn: string[];
  /** How many versions are kept by hash in all (current and older). */
  versions: number;
}

export interface ServiceCatalogue {
  get(id: string): CompiledService | undefined;
  byHash(hash: string): CompiledService | undefined;
  /** Remembers a version by hash only (a running session's definition read back from a store). */
  remember(compiled: CompiledService): void;
  current(): CompiledService[];
  ids(): string[];
  reload(services: CompiledService[]): ReloadResult;
  /** One line for `/readyz`: the current versions and how many older ones are kept. */
  describe(): string;
}

const versionOf = (s: CompiledService): LoadedVersion => ({ id: s.id, version: s.version, hash: s.hash });

export function createServiceCatalogue(initial: CompiledService[]): ServiceCatalogue {
  const byId = new Map<string, CompiledService>();
  const byHash = new Map<string, CompiledService>();
  for (const s of initial) { byId.set(s.id, s); byHash.set(s.hash, s); }
  return {
    get: (id) => byId.get(id),
    byHash: (hash) => byHash.get(hash),
    remember: (c) => { byHash.set(c.hash, c); },
    current: () => [...byId.values()],
    ids: () => [...byId.keys()],
    reload(services) {
      const added = services.filter((s) => !byHash.has(s.hash)).map(versionOf);
      const next = new Set(services.map((s) => s.id));
      const withdrawn = [...byId.keys()].filter((id) => !next.has(id));
      byId.clear();
      for (const s of services) { byId.set(s.id, s); byHash.set(s.hash, s); }
      return { current: services.map(versionOf), added, withdrawn, versions: byHash.size };
    },
    describe() {
      const current = [...byId.values()].map((s) => `${s.id} ${s.version} (${s.hash.slice(0, 12)})`).join(', ');
      const older = byHash.size - byId.size;
      return `${current}${older > 0 ? `; ${older} older version(s) kept for running sessions` : ''}`;
    },
  };
}
