/** Renders a compiled service as a Mermaid `stateDiagram-v2` (for `amtsweg diagram` and docs). */
import type { CompiledService, FlatStep } from '../session/types';
import { CANCELLED_STATE, END_STATE, HANDOFF_STATE } from './flatten';
import { flattenFlow } from './flatten';

// `end` is a Mermaid keyword; the diagram calls that state flow_end.
const sid = (id: string): string => (id === END_STATE ? 'flow_end' : id);
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
  const lines = ['stateDiagram-v2', `  [*] --> ${sid(machine.initial)}`];
  for (const step of Object.values(steps)) {
    lines.push(`  ${sid(step.id)} : ${quote(label(step))}`);
    switch (step.kind) {
      case 'if':
        lines.push(`  ${sid(step.id)} --> ${sid(step.then)} : ${quote(`[${step.cond}]`)}`);
        lines.push(`  ${sid(step.id)} --> ${sid(step.else)} : else`);
        break;
      case 'outcome':
        lines.push(`  ${sid(step.id)} --> outcome_${step.outcome}`);
        break;
      case 'handoff':
        lines.push(`  ${sid(step.id)} --> ${HANDOFF_STATE}`);
        break;
      case 'action':
        lines.push(`  ${sid(step.id)} --> ${sid(step.next)} : EFFECT_DONE`);
        lines.push(`  ${sid(step.id)} --> ${HANDOFF_STATE} : EFFECT_FAILED`);
        break;
      case 'confirm':
        lines.push(`  ${sid(step.id)} --> ${sid(step.next)} : CONFIRM_YES`);
        break;
      default:
        lines.push(`  ${sid(step.id)} --> ${sid(step.next)}`);
    }
  }
  for (const [id, state] of Object.entries(machine.states)) {
    if (state.type === 'final') lines.push(`  ${sid(id)} --> [*]`);
  }
  lines.push(`  note right of ${HANDOFF_STATE} : HANDOFF from every state`);
  lines.push(`  note right of ${CANCELLED_STATE} : CANCEL or TIMEOUT from every state`);
  return lines.join('\n') + '\n';
}
