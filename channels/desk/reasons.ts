/** Handoff reason codes as sentences a case worker reads, in the desk's language; codes stay in the API. */
import { deskText, type DeskKey, type DeskLocale } from './i18n';

const FIXED = ['too_many_attempts', 'citizen_request', 'requested', 'correction_after_action', 'action_input_error', 'proposal',
  'automation_not_permitted', 'unmapped_facts', 'follow_up'] as const;
const FAMILIES = ['action_failed', 'rule_error', 'flow', 'phone'] as const;
const FAMILY_IDS = ['citizen_request', 'too_many_attempts', 'proposal', 'automation_not_permitted', 'unmapped_facts', 'action_failed',
  'correction_after_action', 'follow_up', 'flow', 'rule_error', 'phone'] as const;

/** The family of a reason code, used by the queue filter: `action_failed:slot_taken` → `action_failed`. */
export function reasonFamily(reason: string | undefined): string {
  if (!reason) return '';
  const at = reason.indexOf(':');
  return at > 0 ? reason.slice(0, at) : reason;
}

/** A sentence for a handoff reason; unknown codes are shown as they are, never dropped. */
export function reasonText(reason: string | undefined, locale: DeskLocale = 'de'): string {
  if (!reason) return deskText(locale, 'reason_none');
  if ((FIXED as readonly string[]).includes(reason)) return deskText(locale, `reason_${reason}` as DeskKey);
  const family = reasonFamily(reason);
  const detail = reason.slice(family.length + 1).trim();
  if (family === 'phone' && detail === 'caller pressed 0') return deskText(locale, 'reason_phone_pressed_0');
  if ((FAMILIES as readonly string[]).includes(family) && detail) return deskText(locale, `reason_${family}` as DeskKey, { detail });
  return deskText(locale, 'reason_other', { reason });
}

/** Every reason family the desk knows, for the filter menu, in the desk's language. */
export function reasonFamilies(locale: DeskLocale = 'de'): { id: string; label: string }[] {
  return FAMILY_IDS.map((id) => ({ id, label: deskText(locale, `family_${id}` as DeskKey) }));
}

/** The families in German (the API's default). */
export const REASON_FAMILIES: { id: string; label: string }[] = reasonFamilies('de');
