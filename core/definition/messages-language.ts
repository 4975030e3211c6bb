/**
 * Problem texts of the later additions to the language: templates, enum values in conditions
 * and table cells, the legal guarantees (automation, refusal, risk), calendar references.
 * Same shape as messages.ts: each entry returns [message, hint?].
 */
type P = Record<string, unknown>;
type Text = (p: P) => [string, string?];

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));
const quoted = (v: unknown): string => (Array.isArray(v) ? v.map((x) => `"${String(x)}"`).join(', ') : String(v));

export const LANGUAGE_EN: Record<string, Text> = {
  indent_under_value: (p) => [`line ${p.line} is indented deeper (column ${p.col}) than \`${p.key}:\` on line ${p.sibling}, which already has its value`,
    `start it at column ${p.expected}, like \`${p.key}:\` (one space too many); a key nests only under a key that ends with a colon`],
  template_syntax: (p) => [`${p.place}: ${p.detail}`, p.fix as string],
  unknown_enum_value: (p) => [`${p.place} compares \`${p.name}\` with "${p.value}", which is not one of its values, so the test is never true`,
    p.suggestion ? `did you mean "${p.suggestion}"? the values of ${p.name} are: ${quoted(p.allowed)}` : `the values of ${p.name} are: ${quoted(p.allowed)}; add "${p.value}" under slots.${p.name}.values or fix the spelling`],
  enum_cell_type: (p) => [`${p.place}: \`${p.name}\` is an enum, but this cell is ${p.got}, which never matches`,
    `write one of its values in double quotes inside single quotes, e.g. ${p.name}: '"${p.example}"' (values: ${quoted(p.allowed)})`],
  permit_not_act: (p) => [`${p.place}: only an administrative act or a refusal can be automated, this outcome is kind ${p.kind}`, 'remove automation_permitted_by, or make the outcome kind: administrative_act or kind: refusal'],
  permit_never: (p) => [`${p.place}: this service is marked ${p.why}, so no outcome may be an automated act; a case worker decides (AI Act Annex III, § 35a VwVfG)`,
    'remove automation_permitted_by: the outcome becomes a proposal for a case worker'],
  permit_only_frame: (p) => [`${p.place}: "${p.norm}" only says that automation needs a permitting norm; it permits nothing itself`,
    'name the provision of the specialised law that permits the fully automated act, e.g. "§ 155 Abs. 4 AO" or "§ 31a SGB X", and list it under legal_basis'],
  permit_not_norm: (p) => [`${p.place}: "${p.norm}" is not a norm citation`,
    'cite the permitting provision with § or Art., its number and the law\'s abbreviation, e.g. automation_permitted_by: "§ 31a SGB X", and list it under legal_basis'],
  permit_not_listed: (p) => [`${p.place}: "${p.norm}" is not listed in legal_basis`,
    `add it to the service's legal_basis (or the outcome's), e.g. legal_basis: [{ ref: "${p.norm}" }]`],
  refusal_without_remedy: (p) => [`${p.place}: a refusal is an administrative act and must carry a Rechtsbehelfsbelehrung (§ 37 Abs. 6 VwVfG)`,
    'add rechtsbehelfsbelehrung: { de: "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben werden …" }'],
  remedy_not_act: (p) => [`${p.place}: a Rechtsbehelfsbelehrung belongs to an administrative act or a refusal, this outcome is kind ${p.kind}`, 'remove it, or change the kind'],
  audit_retention_short: (p) => [`${p.place}: a risk: high service must keep its audit trail at least six months (Art. 26(6) AI Act); got ${p.got}`, 'write audit_retention: P6M or longer'],
  unknown_calendar_ref: (p) => [`${p.place}: the calendar has no ${p.kind} "${p.name}"`,
    p.suggestion ? `did you mean "${p.suggestion}"? known: ${list(p.known)}` : `known ${p.kind}s: ${list(p.known)}; add it to ${p.calendar}`],
  many_not_enum: (p) => [`${p.place}: many: true is only for enum slots, this one is ${p.type}`, 'use type: enum with values, or remove many'],
  as_of_not_date: (p) => [`${p.place}: as_of must name a date slot or value, \`${p.name}\` is ${p.type}`, 'name a slot of type date, e.g. as_of: einzugsdatum'],
  as_of_unknown: (p) => [`${p.place}: as_of names \`${p.name}\`, which is neither a slot nor a value`, p.suggestion ? `did you mean \`${p.suggestion}\`?` : 'name a date slot, e.g. as_of: einzugsdatum'],
};

export const LANGUAGE_DE: Record<string, Text> = {
  indent_under_value: (p) => [`Zeile ${p.line} ist tiefer eingerückt (Spalte ${p.col}) als \`${p.key}:\` in Zeile ${p.sibling}, das schon einen Wert hat`,
    `Beginnen Sie sie in Spalte ${p.expected}, wie \`${p.key}:\` (ein Leerzeichen zu viel)`],
  unknown_enum_value: (p) => [`${p.place} vergleicht \`${p.name}\` mit "${p.value}", das keiner seiner Werte ist; der Test ist nie wahr`,
    p.suggestion ? `Meinten Sie "${p.suggestion}"? Die Werte von ${p.name}: ${quoted(p.allowed)}` : `Die Werte von ${p.name}: ${quoted(p.allowed)}`],
  permit_not_norm: (p) => [`${p.place}: "${p.norm}" ist keine Normangabe`, 'Nennen Sie die erlaubende Vorschrift mit § oder Art., Nummer und Gesetzesabkürzung, z. B. "§ 31a SGB X", und führen Sie sie unter legal_basis auf'],
  permit_not_listed: (p) => [`${p.place}: "${p.norm}" steht nicht in legal_basis`, `Ergänzen Sie legal_basis: [{ ref: "${p.norm}" }]`],
  permit_never: (p) => [`${p.place}: der Dienst ist als ${p.why} markiert, kein Ergebnis darf ein automatisierter Bescheid sein`, 'Entfernen Sie automation_permitted_by: das Ergebnis wird ein Vorschlag für die Sachbearbeitung'],
  refusal_without_remedy: (p) => [`${p.place}: eine Ablehnung ist ein Verwaltungsakt und braucht eine Rechtsbehelfsbelehrung (§ 37 Abs. 6 VwVfG)`, 'Ergänzen Sie rechtsbehelfsbelehrung: { de: "Gegen diesen Bescheid kann innerhalb eines Monats …" }'],
};
