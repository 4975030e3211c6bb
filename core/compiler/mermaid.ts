/** Renders a compiled service as a Mermaid `stateDiagram-v2` (for `amtsweg diagram` and docs). */
import type { CompiledService, FlatStep } from '../session/types';
import { CANCELLED_STATE, END_STATE, HANDOFF_STATE } from './flatten';
import { flattenFlow } from './flatten';

const quote = (text: string): string => text.replace(/["\n]/g, ' ').replace(/[:;]/g, ' ').slice(0, 60);

function label(step: FlatStep): string {
  switch (step.kind) {
    case 'collect': return `collect ${step.slots.join(', ')}`;
    case 'if': return `if ${step.cond}`;
    case 'confirm': return step.slots === 'summary' ? 'confirm summary' : `confirm ${step.slots.join(', ')}`;
    case 'action': return `action ${step.name}`;
    case 'say': return 'say';
    case 'outcome': return `outcome ${step.outcome}`;
    case 'handoff': return 'handoff';
  }
}

/** Mermaid source of the flow: every step, branch, outcome and the global handoff/cancel exits. */
export function toMermaid(compiled: CompiledService): string {
  const steps = compiled.steps ?? flattenFlow(compiled.definition).steps;
  const machine = compiled.machine as { initial: string; states: Record<string, { type?: string }> };
  const lines = ['stateDiagram-v2', `  [*] --> ${machine.initial}`];
  for (const step of Object.values(steps)) {
    lines.push(`  ${step.id} : ${quote(label(step))}`);
    switch (step.kind) {
      case 'if':
        lines.push(`  ${step.id} --> ${step.then} : ${quote(`[${step.cond}]`)}`);
        lines.push(`  ${step.id} --> ${step.else} : else`);
        break;
      case 'outcome':
        lines.push(`  ${step.id} --> outcome_${step.outcome}`);
        break;
      case 'handoff':
        lines.push(`  ${step.id} --> ${HANDOFF_STATE}`);
        break;
      case 'action':
        lines.push(`  ${step.id} --> ${step.next} : EFFECT_DONE`);
        lines.push(`  ${step.id} --> ${HANDOFF_STATE} : EFFECT_FAILED`);
        break;
      case 'confirm':
        lines.push(`  ${step.id} --> ${step.next} : CONFIRM_YES`);
        break;
      default:
        lines.push(`  ${step.id} --> ${step.next}`);
    }
  }
  for (const [id, state] of Object.entries(machine.states)) {
    if (state.type === 'final') lines.push(`  ${id} --> [*]`);
  }
  lines.push(`  note right of ${HANDOFF_STATE} : HANDOFF from every state`);
  lines.push(`  note right of ${CANCELLED_STATE} : CANCEL or TIMEOUT from every state`);
  // `end` is a Mermaid keyword; rename it in the diagram only.
  return lines.map((l) => l.replace(new RegExp(`\\b${END_STATE}\\b(?! :)`, 'g'), 'flow_end')).join('\n') + '\n';
}
