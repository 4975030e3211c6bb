/**
 * History JSON in and out. `historyToJSON`/`historyFromJSON` of @temporalio/common cannot be
 * used with the installed packages (two protobufjs versions: "type must be a Type"), so this
 * reads both the proto3 JSON of the Temporal CLI and UI (timestamps and durations as strings)
 * and the plain object form written here, using the reflection of @temporalio/proto.
 */
import { temporal } from '@temporalio/proto';
// The JSON module carries the reflection (field types) the static classes lack.
const root = require('@temporalio/proto/protos/json-module') as { lookupType(name: string): ReflectType };

type History = temporal.api.history.v1.IHistory;

interface ReflectField { name: string; repeated: boolean; map: boolean; resolvedType: ReflectType | { valuesById?: unknown } | null; resolve(): ReflectField }
interface ReflectType { fullName: string; fieldsArray: ReflectField[] }

const HistoryType = temporal.api.history.v1.History;

function timestampFromString(s: string): { seconds: string; nanos: number } {
  const m = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  const ms = Date.parse(m ? `${m[1]}${m[3]}` : s);
  if (Number.isNaN(ms)) throw new Error(`"${s}" is not a timestamp`);
  return { seconds: String(Math.floor(ms / 1000)), nanos: m?.[2] ? Number(m[2].padEnd(9, '0')) : 0 };
}

function durationFromString(s: string): { seconds: string; nanos: number } {
  const m = /^(-?\d+)(?:\.(\d{1,9}))?s$/.exec(s);
  if (!m) throw new Error(`"${s}" is not a duration`);
  return { seconds: m[1], nanos: m[2] ? Number(m[2].padEnd(9, '0')) : 0 };
}

/** "WorkflowExecutionStarted" (older CLI output) → "EVENT_TYPE_WORKFLOW_EXECUTION_STARTED". */
function eventTypeName(v: unknown): unknown {
  if (typeof v !== 'string' || v.startsWith('EVENT_TYPE_')) return v;
  return `EVENT_TYPE_${v.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

function fix(type: ReflectType, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    const v = obj[field.name];
    if (v === undefined || v === null) continue;
    if (field.name === 'eventType' && type.fullName.endsWith('.HistoryEvent')) { obj.eventType = eventTypeName(v); continue; }
    const rt = field.resolve().resolvedType as ReflectType | null;
    if (!rt || !('fieldsArray' in rt)) continue;
    const conv = (x: unknown): unknown => {
      if (typeof x === 'string' && rt.fullName === '.google.protobuf.Timestamp') return timestampFromString(x);
      if (typeof x === 'string' && rt.fullName === '.google.protobuf.Duration') return durationFromString(x);
      return fix(rt, x);
    };
    if (field.map && typeof v === 'object') obj[field.name] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, conv(x)]));
    else if (field.repeated && Array.isArray(v)) obj[field.name] = v.map(conv);
    else obj[field.name] = conv(v);
  }
  return obj;
}

/** Parses a history JSON value (CLI/UI proto3 JSON or this module's form). Throws on anything else. */
export function historyFromJson(raw: unknown): History {
  if (!raw || typeof raw !== 'object' || !Array.isArray((raw as { events?: unknown }).events)) {
    throw new Error('expected an object with an "events" array');
  }
  const copy = JSON.parse(JSON.stringify(raw)) as unknown;
  return HistoryType.fromObject(fix(root.lookupType('temporal.api.history.v1.History'), copy) as Record<string, unknown>);
}

/** A history as JSON text (enums by name, 64-bit numbers and bytes as strings). */
export function historyToJson(history: History): string {
  return JSON.stringify(HistoryType.toObject(history as temporal.api.history.v1.History, { longs: String, enums: String, bytes: String }), null, 2);
}
