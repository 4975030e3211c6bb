/* Renders the pending question as controls: buttons for yes/no and choices, checkboxes for
   `many`, a date or time picker. Each control only sends text the server reads as that answer;
   typing in the message field stays possible. */
import type { Question } from './api';
import type { UiStrings } from './i18n';

const pad = (n: string) => n.padStart(2, '0');

/** yyyy-mm-dd from a date input → the German written form every locale's extractor reads. */
export function dateAnswer(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

function button(text: string, onClick: () => void, cls = 'aw-choice'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

function picker(kind: 'date' | 'time', t: UiStrings, prefix: string, send: (text: string) => void): HTMLElement {
  const form = document.createElement('form');
  form.className = 'aw-picker';
  const id = `${prefix}pick-${kind}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = kind === 'date' ? t.datePick : t.timePick;
  const input = document.createElement('input');
  input.type = kind;
  input.id = id;
  input.required = true;
  input.dataset.part = `pick-${kind}`;
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.textContent = t.send;
  form.append(label, input, ok);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!input.value) return;
    send(kind === 'date' ? dateAnswer(input.value) : input.value.slice(0, 5).split(':').map(pad).join(':'));
  });
  return form;
}

function checkboxes(q: Question, t: UiStrings, prefix: string, send: (text: string) => void): HTMLElement {
  const fs = document.createElement('fieldset');
  fs.className = 'aw-many';
  const legend = document.createElement('legend');
  legend.textContent = q.label ?? t.answers;
  fs.append(legend);
  const boxes: { input: HTMLInputElement; answer: string }[] = [];
  for (const o of q.options ?? []) {
    const id = `${prefix}many-${o.id}`;
    const wrap = document.createElement('div');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = id;
    input.value = o.id;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = o.label;
    wrap.append(input, label);
    fs.append(wrap);
    boxes.push({ input, answer: o.answer });
  }
  fs.append(button(t.sendChoice, () => {
    const chosen = boxes.filter((b) => b.input.checked).map((b) => b.answer);
    if (chosen.length > 0) send(chosen.join(', '));
  }, 'aw-send-choice'));
  return fs;
}

/** Fills `box` with the controls of `q` (or hides it when there is nothing to offer). */
export function renderAnswers(box: HTMLElement, q: Question | null | undefined, t: UiStrings, prefix: string, send: (text: string) => void): void {
  box.replaceChildren();
  if (!q) { box.hidden = true; return; }
  if (q.many && q.options) box.append(checkboxes(q, t, prefix, send));
  else if (q.options) for (const o of q.options) box.append(button(o.label, () => send(o.answer)));
  if (q.kind === 'slot' && q.type === 'date') box.append(picker('date', t, prefix, send));
  if (q.kind === 'slot' && q.type === 'time') box.append(picker('time', t, prefix, send));
  if (q.skip) box.append(button(q.skip, () => send(q.skip as string), 'aw-choice aw-skip-answer'));
  box.hidden = box.childElementCount === 0;
}
