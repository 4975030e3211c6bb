/** Contract of the rules layer (FEEL via feelin, decision tables, effective dating). */
import type { RuleEvaluation } from '../session/types';
export type { RuleEvaluation };

/** Static types the checker infers for FEEL expressions. */
export type ValueType = 'string' | 'number' | 'boolean' | 'date' | 'time' | 'duration' | 'list' | 'context' | 'null' | 'any';

export interface FeelProblem { code: string; message: string; /** 0-based column inside the expression */ col: number }
