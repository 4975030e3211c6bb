/** The rules layer: FEEL evaluation, decision tables, effective dating, static FEEL checks. */
export type { FeelProblem, RuleEvaluation, ValueType } from './types';
export { RuleError, UniqueHitError, type RuleErrorCode } from './errors';
export { evaluateExpression, evaluateCondition, evaluateUnaryTest, type EvalOptions } from './evaluate';
export { evaluateValues, definitionTypes, orderValues, normalizeValue, valueDependencies, actionResultNames, isLocalizedResult, type NormalizedValue, type ValuesDefinition } from './derived-values';
export { evaluateDecisionTable, evaluateTable, tableInputs, tableReferencedNames, rowId, legalRefText, type TableResult } from './decision-table';
export { selectVersion } from './effective-dating';
export { checkFeelSyntax, referencedNames, isBuiltinFunction, IMPLICIT_NAMES, CLOCK_FUNCTIONS, type FeelKind } from './syntax';
export { inferExpressionType, slotValueType } from './type-inference';
export { toFeelValue, fromFeelValue, roundNumber, roundMoney } from './feel-values';
export { slotsBehind, branchSlots, decidingSlots, type DependencyStep } from './dependencies';
