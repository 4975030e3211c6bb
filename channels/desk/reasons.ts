/** Handoff reason codes as sentences a case worker reads (the desk is German; codes stay in the API). */

const FIXED: Record<string, string> = {
  too_many_attempts: 'Der Assistent hat eine Antwort mehrmals nicht verstanden (zu viele Versuche).',
  citizen_request: 'Die Bürgerin / der Bürger möchte mit einem Menschen sprechen.',
  requested: 'Eine Übergabe an die Sachbearbeitung wurde angefordert.',
  correction_after_action: 'Eine Korrektur betrifft einen Schritt, der schon erledigt ist (z. B. eine Buchung).',
  action_input_error: 'Die Eingaben für einen Schritt mit Wirkung ließen sich nicht berechnen.',
  proposal: 'Entscheidungsvorschlag: Über das Anliegen entscheidet die Sachbearbeitung.',
  automation_not_permitted: 'Der Bescheid darf nicht vollautomatisch ergehen (§ 35a VwVfG): bitte entscheiden.',
  unmapped_facts: 'Die Bürgerin / der Bürger hat Umstände genannt, die der Assistent nicht erfassen kann (§ 24 Abs. 1 S. 3 VwVfG).',
  follow_up: 'Rückfrage der Bürgerin / des Bürgers nach Abschluss des Falls.',
};

const FAMILIES: Record<string, (detail: string) => string> = {
  action_failed: (d) => `Ein Schritt mit Wirkung ist fehlgeschlagen (Fehler: ${d}). Prüfen Sie ihn und geben Sie den Fall ggf. an den Assistenten zurück.`,
  rule_error: (d) => `Eine Regel der Definition ließ sich nicht auswerten (${d}). Bitte der Fachplanung melden.`,
  flow: (d) => `Der Ablauf sieht an dieser Stelle die Sachbearbeitung vor (Schritt „${d}“).`,
  phone: (d) => `Telefon: ${d === 'caller pressed 0' ? 'Die anrufende Person hat 0 für einen Menschen gedrückt.' : d}`,
};

/** The family of a reason code, used by the queue filter: `action_failed:slot_taken` → `action_failed`. */
export function reasonFamily(reason: string | undefined): string {
  if (!reason) return '';
  const at = reason.indexOf(':');
  return at > 0 ? reason.slice(0, at) : reason;
}

/** A sentence for a handoff reason; unknown codes are shown as they are, never dropped. */
export function reasonText(reason: string | undefined): string {
  if (!reason) return 'Kein Grund angegeben.';
  if (FIXED[reason]) return FIXED[reason];
  const family = reasonFamily(reason);
  const detail = reason.slice(family.length + 1).trim();
  if (FAMILIES[family] && detail) return FAMILIES[family](detail);
  return `Übergeben (${reason}).`;
}

/** Every reason family the desk knows, for the filter menu. */
export const REASON_FAMILIES: { id: string; label: string }[] = [
  { id: 'citizen_request', label: 'Wunsch nach einem Menschen' },
  { id: 'too_many_attempts', label: 'Zu viele Versuche' },
  { id: 'proposal', label: 'Entscheidungsvorschlag' },
  { id: 'automation_not_permitted', label: 'Bescheid nicht automatisierbar' },
  { id: 'unmapped_facts', label: 'Nicht erfasste Umstände' },
  { id: 'action_failed', label: 'Schritt fehlgeschlagen' },
  { id: 'correction_after_action', label: 'Korrektur nach Buchung' },
  { id: 'follow_up', label: 'Rückfrage nach Abschluss' },
  { id: 'flow', label: 'Im Ablauf vorgesehen' },
  { id: 'rule_error', label: 'Regelfehler' },
  { id: 'phone', label: 'Telefon' },
];
