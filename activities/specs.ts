/**
 * The built-in actions a definition may call, with their inputs, as plain data: `validate`
 * checks `action:` names and `with:` keys against it without opening a database.
 */
import type { ActionSpec } from '../core/definition';

/** Built-in actions and their inputs (results are documented in README "Built-in actions"). */
export const BUILT_IN_ACTIONS: readonly Exclude<ActionSpec, string>[] = [
  { name: 'calendar.book', inputs: { required: ['location', 'concerns'], optional: ['date', 'time', 'contact'] } },
  { name: 'calendar.cancel', inputs: { required: ['booking'] } },
  { name: 'calendar.free_slots', inputs: { required: ['location', 'date'], optional: ['concerns'] } },
  { name: 'notify.send', inputs: { required: ['template'], optional: ['to', 'data'] } },
  { name: 'submit.http', inputs: { required: ['endpoint'], optional: ['outcome'] } },
];
