/** Errors of the action layer. The engine reads `retryable` to decide whether to try again. */

/**
 * An action failed. `retryable: true` means a later attempt may succeed (busy database,
 * unreachable service); `false` means the input is wrong and retrying cannot help.
 */
export class ActionError extends Error {
  override readonly name = 'ActionError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean = false,
  ) {
    super(message);
  }
}

/** The action name is not registered. */
export function unknownAction(name: string, known: string[]): ActionError {
  return new ActionError(
    'unknown_action',
    `No action named "${name}" is registered. Known actions: ${known.join(', ')}. Fix the action name in the definition's flow step or register the action.`,
    false,
  );
}

/** An input field is missing or malformed. */
export function badInput(action: string, field: string, expected: string): ActionError {
  return new ActionError(
    'bad_input',
    `Action ${action}: input "${field}" must be ${expected}. Check the "with:" block of the flow step that calls ${action}.`,
    false,
  );
}
