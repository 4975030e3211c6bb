/**
 * Problem texts per language, like zod's locales. Each entry returns [message, hint?].
 * English is the default; the CLI switches to German with `--lang de`.
 */
import { LANGUAGE_DE, LANGUAGE_EN } from './messages-language';
import type { ProblemLang } from './problem';

type P = Record<string, unknown>;
type Text = (p: P) => [string, string?];

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));
const dym = (lang: ProblemLang, s: unknown): string | undefined =>
  s ? (lang === 'de' ? `Meinten Sie \`${String(s)}\`?` : `did you mean \`${String(s)}\`?`) : undefined;

const YAML_HINTS_EN: Record<string, string> = {
  DUPLICATE_KEY: 'each key may appear only once in the same mapping; merge or rename the second one',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'align the line with its siblings (same number of spaces) and close any open [ or {',
  MISSING_CHAR: 'a closing quote, ] or } is missing',
  UNEXPECTED_TOKEN: 'remove the stray text or put the whole value in quotes',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing on the line before?',
  BLOCK_AS_IMPLICIT_KEY: 'a key must fit on one line; is a colon missing on the line before?',
};
const YAML_HINTS_DE: Record<string, string> = {
  DUPLICATE_KEY: 'Jeder Schlüssel darf in derselben Zuordnung nur einmal vorkommen; führen Sie die Einträge zusammen oder benennen Sie einen um',
  TAB_AS_INDENT: 'Rücken Sie mit Leerzeichen ein, nicht mit Tabs',
  BAD_INDENT: 'Richten Sie die Zeile an ihren Geschwistern aus (gleich viele Leerzeichen) und schließen Sie offene [ oder {',
  MISSING_CHAR: 'Ein schließendes Anführungszeichen, ] oder } fehlt',
  UNEXPECTED_TOKEN: 'Entfernen Sie den überzähligen Text oder setzen Sie den ganzen Wert in Anführungszeichen',
};

const en: Record<string, Text> = {
  yaml_syntax: (p) => [`YAML syntax error: ${p.detail}`, YAML_HINTS_EN[String(p.yamlCode)] ?? 'check the indentation (spaces, not tabs), the colon after each key, and that quotes and brackets are closed'],
  not_a_mapping: () => ['a service definition must be a YAML mapping of keys to values', 'start with `service: my_service` on the first line'],
  unknown_key: (p) => [`unknown key \`${p.key}\` in ${p.place}`, p.comma ? 'inside { … } a comma starts a new entry: put text with a comma in quotes ("Ja, gerne") and write numbers with a decimal point (8.50)' : dym('en', p.suggestion) ?? `allowed here: ${list(p.allowed)}`],
  missing_key: (p) => [`${p.place} is missing \`${p.key}\``, `add \`${p.key}:\`${p.about ? ` (${p.about})` : ''}`],
  wrong_type: (p) => [`${p.place}: expected ${p.expected}, got ${p.got}`, p.fix as string | undefined],
  invalid_enum: (p) => [`${p.place} must be one of ${list(p.values)}; got ${p.got}`, dym('en', p.suggestion) ?? `write one of: ${list(p.values)}`],
  invalid_format: (p) => [`${p.place}: ${p.detail}`, p.example ? `for example: ${p.example}` : undefined],
  invalid_name: (p) => [`\`${p.name}\` is not a valid name for ${p.place}`, `use lower-case letters, digits and _, starting with a letter${p.suggestion ? `, e.g. \`${p.suggestion}\`` : ''}`],
  too_small_array: (p) => [`${p.place} must not be empty`, `add at least ${p.min} entr${p.min === 1 ? 'y' : 'ies'}`],
  too_small_string: (p) => [`${p.place} must not be empty`, 'write a text or remove the key'],
  too_small_number: (p) => [`${p.place} must be at least ${p.min}; got ${p.got}`],
  too_big_number: (p) => [`${p.place} must be at most ${p.max}; got ${p.got}`],
  not_integer: (p) => [`${p.place} must be a whole number; got ${p.got}`],
  invalid_value: (p) => [`${p.place} has an invalid value: ${p.detail}`],
  step_without_kind: (p) => [`${p.place} does not say what it does`, `start it with one of ${list(p.kinds)}`],
  step_many_kinds: (p) => [`${p.place} mixes ${list(p.kinds)}`, 'a step does one thing; split it into one step per kind'],
  feel_syntax: (p) => [`FEEL syntax error in ${p.place}: ${p.detail}`, 'check brackets, quotes ("text") and operators (=, !=, <, <=, and, or)'],
  feel_rule: (p) => [`${p.place}: ${p.detail}`],
  unknown_slot: (p) => [`${p.place} refers to \`${p.name}\`, which is not a slot`, dym('en', p.suggestion) ?? `define it under \`slots:\` or use one of: ${list(p.known)}`],
  unknown_name: (p) => [`${p.place} refers to \`${p.name}\`, which is neither a slot, a value nor an action result`, dym('en', p.suggestion) ?? (p.cell ? `if you mean the text, write the cell as ${p.cell}: '"${p.name}"' (double quotes for FEEL inside single quotes for YAML; ${p.cell}: "${p.name}" is the same as the bare word)` : p.quoteHint ? `if you mean the text, write it in double quotes: "${p.name}" (inside YAML, wrap the whole expression in single quotes: '… "${p.name}" …')` : 'define it under `slots:` or `values:`, or name an action `result:`')],
  unknown_outcome: (p) => [`${p.place} refers to the outcome \`${p.name}\`, which is not defined`, dym('en', p.suggestion) ?? `define it under \`outcomes:\` (known: ${list(p.known)})`],
  unknown_action: (p) => [`${p.place} calls the action \`${p.name}\`, which is not registered`, dym('en', p.suggestion) ?? `registered actions: ${list(p.known)}`],
  unknown_action_input: (p) => [`${p.place}: the action \`${p.action}\` takes no input \`${p.name}\``, dym('en', p.suggestion) ?? `its inputs: ${list(p.known)}`],
  missing_action_input: (p) => [`${p.place}: the action \`${p.action}\` needs the input \`${p.name}\``, `add it under \`with:\`, e.g. ${p.name}: <FEEL expression>; its inputs: ${list(p.known)}`],
  type_mismatch: (p) => [`type mismatch in ${p.place}: ${p.detail}`, p.fix as string | undefined],
  condition_not_boolean: (p) => [`${p.place} must be a condition (true or false), but it is a ${p.type}`, 'compare it, e.g. `alter >= 18`, or use a boolean slot'],
  declared_type_mismatch: (p) => [`${p.place} is declared as ${p.declared} but its expression gives a ${p.type}`, 'fix the expression or the declared `type`'],
  enum_without_values: (p) => [`${p.place} has type enum but no \`values\``, 'list the allowed answers under `values:`, e.g. `values: { neu: { label: "Neuer Ausweis" } }`'],
  values_on_non_enum: (p) => [`${p.place} has \`values\` but its type is ${p.type}`, 'use `type: enum`, or remove `values`'],
  unknown_table_input: (p) => [`decision table in ${p.place} tests \`${p.name}\`, which is neither a slot nor a value`, dym('en', p.suggestion) ?? 'use the name of a slot or value as the column'],
  aggregate_without_collect: (p) => [`${p.place}: \`aggregate\` only works with \`hit: collect\``, 'use `hit: collect` or remove `aggregate`'],
  valid_from_order: (p) => [`${p.place}: valid_from date ${p.date} comes after ${p.previous}`, 'list the versions from the oldest date to the newest'],
  valid_from_date: (p) => [`${p.place}: ${p.date} is not a calendar date`, 'write a real date as YYYY-MM-DD'],
  mixed_row_results: (p) => [`${p.place} is the text '${p.text}' while other rows give numbers`, p.suggestion ? `write the number with a decimal point: ${p.suggestion}` : 'give every row a result of the same type'],
  value_body: (p) => [`${p.place} must have exactly one of \`expr\`, \`table\` or \`valid_from\`${p.found ? `; found ${list(p.found)}` : ''}`, 'keep one of them (put versions of expressions or tables under valid_from)'],
  cyclic_value: (p) => [`${p.place} depends on itself: ${list(p.cycle)}`, 'break the cycle: one of these values must be computed from slots only'],
  option_not_for_type: (p) => [`${p.place}: \`${p.key}\` has no effect on a slot of type ${p.type}`, `it applies to ${list(p.types)}; remove it or change the type`],
  invalid_pattern: (p) => [`${p.place}: the regular expression is invalid: ${p.detail}`, 'check brackets and escape special characters with \\, e.g. \\d for a digit'],
  result_before_action: (p) => [`${p.place} uses \`${p.name}\` before the action that produces it has run`, `move this step after the \`action\` step with \`result: ${p.name}\``],
  duplicate_step_id: (p) => [`step id \`${p.id}\` is used twice`, 'give every step its own id'],
  unused_outcome: (p) => [`${p.place} is never reached by the flow`, 'add an `outcome:` step for it, or remove it'],
  version_number: (p) => [`version ${p.raw} is read as the number ${p.value}`, `quote it: version: "${p.raw}"`],
  duplicate_service: (p) => [`service id \`${p.id}\` is also defined in ${p.other}`, 'every service needs its own id; rename one of them'],
  read_error: (p) => [`cannot read the file: ${p.detail}`, 'check that the file exists and is readable'],
  compile_error: (p) => [`the definition is valid but could not be compiled: ${p.detail}`, 'this is likely a bug in amtsweg; please report it with the file'],
  empty_file: () => ['the file is empty', 'write a service definition, starting with `service: my_service`'],
};

const de: Record<string, Text> = {
  yaml_syntax: (p) => [`YAML-Syntaxfehler: ${p.detail}`, YAML_HINTS_DE[String(p.yamlCode)] ?? 'Prüfen Sie die Einrückung (Leerzeichen, keine Tabs), den Doppelpunkt nach jedem Schlüssel und ob Anführungszeichen und Klammern geschlossen sind'],
  not_a_mapping: () => ['Eine Dienstdefinition muss eine YAML-Zuordnung von Schlüsseln zu Werten sein', 'Beginnen Sie mit `service: mein_dienst` in der ersten Zeile'],
  unknown_key: (p) => [`unbekannter Schlüssel \`${p.key}\` in ${p.place}`, p.comma ? 'In { … } beginnt nach einem Komma ein neuer Eintrag: Text mit Komma in Anführungszeichen setzen ("Ja, gerne"), Zahlen mit Dezimalpunkt schreiben (8.50)' : dym('de', p.suggestion) ?? `hier erlaubt: ${list(p.allowed)}`],
  missing_key: (p) => [`In ${p.place} fehlt \`${p.key}\``, `Ergänzen Sie \`${p.key}:\`${p.about ? ` (${p.about})` : ''}`],
  wrong_type: (p) => [`${p.place}: erwartet ${p.expected}, gefunden ${p.got}`, p.fix as string | undefined],
  invalid_enum: (p) => [`${p.place} muss einer dieser Werte sein: ${list(p.values)}; gefunden ${p.got}`, dym('de', p.suggestion) ?? `Schreiben Sie einen von: ${list(p.values)}`],
  invalid_format: (p) => [`${p.place}: ${p.detail}`, p.example ? `zum Beispiel: ${p.example}` : undefined],
  invalid_name: (p) => [`\`${p.name}\` ist kein gültiger Name für ${p.place}`, `Verwenden Sie Kleinbuchstaben, Ziffern und _, beginnend mit einem Buchstaben${p.suggestion ? `, z. B. \`${p.suggestion}\`` : ''}`],
  too_small_array: (p) => [`${p.place} darf nicht leer sein`, `Ergänzen Sie mindestens ${p.min} Eintrag/Einträge`],
  too_small_string: (p) => [`${p.place} darf nicht leer sein`, 'Schreiben Sie einen Text oder entfernen Sie den Schlüssel'],
  too_small_number: (p) => [`${p.place} muss mindestens ${p.min} sein; gefunden ${p.got}`],
  too_big_number: (p) => [`${p.place} darf höchstens ${p.max} sein; gefunden ${p.got}`],
  not_integer: (p) => [`${p.place} muss eine ganze Zahl sein; gefunden ${p.got}`],
  invalid_value: (p) => [`${p.place} hat einen ungültigen Wert: ${p.detail}`],
  step_without_kind: (p) => [`${p.place} sagt nicht, was er tut`, `Beginnen Sie ihn mit einem von: ${list(p.kinds)}`],
  step_many_kinds: (p) => [`${p.place} mischt ${list(p.kinds)}`, 'Ein Schritt tut eine Sache; teilen Sie ihn in einen Schritt pro Art'],
  feel_syntax: (p) => [`FEEL-Syntaxfehler in ${p.place}: ${p.detail}`, 'Prüfen Sie Klammern, Anführungszeichen ("Text") und Operatoren (=, !=, <, <=, and, or)'],
  feel_rule: (p) => [`${p.place}: ${p.detail}`],
  unknown_slot: (p) => [`${p.place} verweist auf \`${p.name}\`, das kein Slot ist`, dym('de', p.suggestion) ?? `Definieren Sie es unter \`slots:\` oder verwenden Sie: ${list(p.known)}`],
  unknown_name: (p) => [`${p.place} verweist auf \`${p.name}\`, das weder Slot, Wert noch Aktionsergebnis ist`, dym('de', p.suggestion) ?? (p.cell ? `Wenn Sie den Text meinen, schreiben Sie die Zelle als ${p.cell}: '"${p.name}"' (doppelte Anführungszeichen für FEEL in einfachen für YAML)` : p.quoteHint ? `Wenn Sie den Text meinen, setzen Sie ihn in doppelte Anführungszeichen: "${p.name}" (in YAML den ganzen Ausdruck in einfache: '… "${p.name}" …')` : 'Definieren Sie es unter `slots:` oder `values:` oder als `result:` einer Aktion')],
  unknown_outcome: (p) => [`${p.place} verweist auf das Ergebnis \`${p.name}\`, das nicht definiert ist`, dym('de', p.suggestion) ?? `Definieren Sie es unter \`outcomes:\` (vorhanden: ${list(p.known)})`],
  unknown_action: (p) => [`${p.place} ruft die Aktion \`${p.name}\` auf, die nicht registriert ist`, dym('de', p.suggestion) ?? `Registrierte Aktionen: ${list(p.known)}`],
  unknown_action_input: (p) => [`${p.place}: die Aktion \`${p.action}\` kennt keine Eingabe \`${p.name}\``, dym('de', p.suggestion) ?? `Ihre Eingaben: ${list(p.known)}`],
  missing_action_input: (p) => [`${p.place}: die Aktion \`${p.action}\` braucht die Eingabe \`${p.name}\``, `Ergänzen Sie sie unter \`with:\`, z. B. ${p.name}: <FEEL-Ausdruck>; Eingaben: ${list(p.known)}`],
  type_mismatch: (p) => [`Typfehler in ${p.place}: ${p.detail}`, p.fix as string | undefined],
  condition_not_boolean: (p) => [`${p.place} muss eine Bedingung (wahr oder falsch) sein, ist aber vom Typ ${p.type}`, 'Vergleichen Sie, z. B. `alter >= 18`, oder verwenden Sie einen Ja/Nein-Slot'],
  declared_type_mismatch: (p) => [`${p.place} ist als ${p.declared} deklariert, der Ausdruck liefert aber ${p.type}`, 'Korrigieren Sie den Ausdruck oder den deklarierten `type`'],
  enum_without_values: (p) => [`${p.place} hat den Typ enum, aber keine \`values\``, 'Listen Sie die erlaubten Antworten unter `values:` auf, z. B. `values: { neu: { label: "Neuer Ausweis" } }`'],
  values_on_non_enum: (p) => [`${p.place} hat \`values\`, ist aber vom Typ ${p.type}`, 'Verwenden Sie `type: enum` oder entfernen Sie `values`'],
  unknown_table_input: (p) => [`Die Entscheidungstabelle in ${p.place} prüft \`${p.name}\`, das weder Slot noch Wert ist`, dym('de', p.suggestion) ?? 'Verwenden Sie den Namen eines Slots oder Werts als Spalte'],
  aggregate_without_collect: (p) => [`${p.place}: \`aggregate\` wirkt nur mit \`hit: collect\``, 'Verwenden Sie `hit: collect` oder entfernen Sie `aggregate`'],
  valid_from_order: (p) => [`${p.place}: das valid_from-Datum ${p.date} steht nach ${p.previous}`, 'Ordnen Sie die Fassungen vom ältesten zum neuesten Datum'],
  valid_from_date: (p) => [`${p.place}: ${p.date} ist kein Kalenderdatum`, 'Schreiben Sie ein echtes Datum als JJJJ-MM-TT'],
  mixed_row_results: (p) => [`${p.place} ist der Text '${p.text}', andere Zeilen liefern Zahlen`, p.suggestion ? `Schreiben Sie die Zahl mit Dezimalpunkt: ${p.suggestion}` : 'Geben Sie allen Zeilen ein Ergebnis desselben Typs'],
  value_body: (p) => [`${p.place} braucht genau eines von \`expr\`, \`table\` oder \`valid_from\`${p.found ? `; gefunden ${list(p.found)}` : ''}`, 'Behalten Sie eines davon (Fassungen von Ausdrücken oder Tabellen gehören unter valid_from)'],
  cyclic_value: (p) => [`${p.place} hängt von sich selbst ab: ${list(p.cycle)}`, 'Lösen Sie den Kreis auf: einer dieser Werte muss allein aus Slots berechnet werden'],
  option_not_for_type: (p) => [`${p.place}: \`${p.key}\` wirkt nicht bei einem Slot vom Typ ${p.type}`, `Es gilt für ${list(p.types)}; entfernen Sie es oder ändern Sie den Typ`],
  invalid_pattern: (p) => [`${p.place}: der reguläre Ausdruck ist ungültig: ${p.detail}`, 'Prüfen Sie Klammern und maskieren Sie Sonderzeichen mit \\, z. B. \\d für eine Ziffer'],
  result_before_action: (p) => [`${p.place} verwendet \`${p.name}\`, bevor die Aktion gelaufen ist, die es liefert`, `Verschieben Sie diesen Schritt hinter den \`action\`-Schritt mit \`result: ${p.name}\``],
  duplicate_step_id: (p) => [`Die Schritt-ID \`${p.id}\` wird doppelt verwendet`, 'Geben Sie jedem Schritt eine eigene ID'],
  unused_outcome: (p) => [`${p.place} wird im Ablauf nie erreicht`, 'Fügen Sie einen `outcome:`-Schritt hinzu oder entfernen Sie es'],
  version_number: (p) => [`Die Version ${p.raw} wird als Zahl ${p.value} gelesen`, `Setzen Sie sie in Anführungszeichen: version: "${p.raw}"`],
  duplicate_service: (p) => [`Die Dienst-ID \`${p.id}\` ist auch in ${p.other} definiert`, 'Jeder Dienst braucht eine eigene ID; benennen Sie einen um'],
  read_error: (p) => [`Die Datei kann nicht gelesen werden: ${p.detail}`, 'Prüfen Sie, ob die Datei existiert und lesbar ist'],
  compile_error: (p) => [`Die Definition ist gültig, konnte aber nicht übersetzt werden: ${p.detail}`, 'Das ist vermutlich ein Fehler in amtsweg; bitte melden Sie ihn mit der Datei'],
  empty_file: () => ['Die Datei ist leer', 'Schreiben Sie eine Dienstdefinition, beginnend mit `service: mein_dienst`'],
};

/** Message and hint for a message key in a language; unknown keys fall back to English, then to the key itself. */
export function messageFor(lang: ProblemLang, key: string, params: P): { message: string; hint?: string } {
  const text = (lang === 'de' ? de[key] ?? LANGUAGE_DE[key] : undefined) ?? en[key] ?? LANGUAGE_EN[key];
  if (!text) return { message: key };
  const [message, hint] = text(params);
  return hint ? { message, hint } : { message };
}

/** How a place in the definition is named in messages, e.g. "slot `geburtsdatum`" or "flow step 2 > then 1". */
export function describePath(path: readonly (string | number)[], lang: ProblemLang): string {
  const de = lang === 'de';
  const [head, name, ...rest] = path;
  const tail = (segs: readonly (string | number)[]): string => (segs.length ? ` ${tailText(segs)}` : '');
  if (head === 'slots' && name !== undefined) return `${de ? 'Slot' : 'slot'} \`${name}\`${tail(rest)}`;
  if (head === 'values' && name !== undefined) return `${de ? 'Wert' : 'value'} \`${name}\`${tail(rest)}`;
  if (head === 'outcomes' && name !== undefined) return `${de ? 'Ergebnis' : 'outcome'} \`${name}\`${tail(rest)}`;
  if (head === 'flow' && typeof name === 'number') {
    let text = `${de ? 'Ablaufschritt' : 'flow step'} ${name + 1}`;
    const more = [...rest];
    while (more.length >= 2 && (more[0] === 'then' || more[0] === 'else') && typeof more[1] === 'number') {
      text += ` > ${more[0]} ${(more[1] as number) + 1}`;
      more.splice(0, 2);
    }
    return text + (more.length ? ` ${tailText(more)}` : '');
  }
  if (path.length === 0) return de ? 'der Definition' : 'the definition';
  return `\`${path.join('.')}\``;
}

/** "collect #2", "valid #1 rule", "with email": list positions count from 1 like a designer does. */
function tailText(segs: readonly (string | number)[]): string {
  return segs.map((s) => (typeof s === 'number' ? `#${s + 1}` : s)).join(' ');
}
