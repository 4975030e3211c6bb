/** Checks of the newer slot and value options: `many`, `default`, `as_of`. */
import { entriesOf, isObject } from './raw-access';
import type { Reporter } from './report';
import { didYouMean } from './suggest';

export function checkLanguage(raw: unknown, r: Reporter): void {
  const root = isObject(raw) ? raw : {};
  const slots = new Map(entriesOf(root.slots).filter(([, s]) => isObject(s)) as [string, Record<string, unknown>][]);
  for (const [name, slot] of slots) {
    if (slot.many === true && slot.type !== 'enum') r.add('many_not_enum', { type: String(slot.type) }, ['slots', name, 'many'], 'key');
    if (slot.default !== undefined && slot.type === 'enum' && isObject(slot.values)) {
      const allowed = Object.keys(slot.values);
      const given = Array.isArray(slot.default) ? slot.default : [slot.default];
      for (const v of given) {
        if (!allowed.includes(String(v))) r.add('unknown_enum_value', { name, value: String(v), allowed, suggestion: didYouMean(String(v), allowed) }, ['slots', name, 'default']);
      }
    }
  }
  const values = new Map(entriesOf(root.values));
  for (const [name, v] of values) {
    if (!isObject(v) || typeof v.as_of !== 'string') continue;
    const target = v.as_of;
    const slot = slots.get(target);
    const value = values.get(target);
    if (!slot && value === undefined) {
      r.add('as_of_unknown', { name: target, suggestion: didYouMean(target, [...slots.keys(), ...values.keys()]) }, ['values', name, 'as_of']);
      continue;
    }
    const type = slot ? slot.type : isObject(value) ? value.type : undefined;
    if (type !== undefined && type !== 'date') r.add('as_of_not_date', { name: target, type: String(type) }, ['values', name, 'as_of']);
  }
}
