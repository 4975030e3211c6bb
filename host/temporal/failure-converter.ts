/**
 * Loaded by path (client, worker and workflow sandbox): failure messages and stack traces are
 * encoded into a payload, so the payload codec encrypts them like every other payload.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
