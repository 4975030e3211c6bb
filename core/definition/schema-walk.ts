/** Reads the zod schema itself: which keys are allowed at a place, and what a key means. */
import type { z } from 'zod';

type AnySchema = z.ZodType;
interface Def { type: string; [k: string]: unknown }

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips wrappers (optional, default, lazy, pipe, readonly) down to the schema that checks the shape. */
export function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly'
      || def.type === 'prefault' || def.type === 'nonoptional' || def.type === 'catch') s = def.innerType as AnySchema;
    else if (def.type === 'lazy') s = (def.getter as () => AnySchema)();
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else return s;
  }
  return s;
}

/** All alternatives a schema may take (a union spreads into its options). */
function alternatives(schema: AnySchema): AnySchema[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'union') return (def.options as AnySchema[]).flatMap(alternatives);
  return [s];
}

/** The schemas that may apply at `path` below `root` (several where a union leaves it open). */
export function schemasAt(root: AnySchema, path: readonly (string | number)[]): AnySchema[] {
  let current = alternatives(root);
  for (const seg of path) {
    const next: AnySchema[] = [];
    for (const s of current) {
      const def = defOf(s);
      if (def.type === 'object') {
        const child = (def.shape as Record<string, AnySchema>)[String(seg)];
        if (child) next.push(...alternatives(child));
      } else if (def.type === 'record') {
        next.push(...alternatives(def.valueType as AnySchema));
      } else if (def.type === 'array' && typeof seg === 'number') {
        next.push(...alternatives(def.element as AnySchema));
      }
    }
    current = next;
  }
  return current;
}

/** Keys an object at `path` may have (empty if no object is expected there). */
export function allowedKeysAt(root: AnySchema, path: readonly (string | number)[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path)) {
    const def = defOf(s);
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}

/** The schema's description of the key at `path`, if it has one. */
export function describeKey(root: AnySchema, path: readonly (string | number)[]): string | undefined {
  if (path.length === 0) return undefined;
  const parents = schemasAt(root, path.slice(0, -1));
  for (const p of parents) {
    const def = defOf(p);
    if (def.type !== 'object') continue;
    const child = (def.shape as Record<string, AnySchema>)[String(path[path.length - 1])];
    let s: AnySchema | undefined = child;
    for (let i = 0; s && i < 10; i++) {
      const d = (s as unknown as { description?: string }).description;
      if (d) return d;
      const inner = defOf(s);
      s = (inner.innerType ?? inner.in) as AnySchema | undefined;
    }
  }
  return undefined;
}
