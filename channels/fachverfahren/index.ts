/** Back-office hand-over: `submit.http` cases delivered to Fachverfahren endpoints, and the format they receive. */
import type { ChannelPlugin } from '../../cli/channels';
import { endpointsFromEnv, startSubmissionDelivery } from './deliver';

export { deliverSubmissions, startSubmissionDelivery, endpointsFromEnv, signatureHeader, retryAt, type SubmitEndpoints, type SubmitEndpoint, type DeliveryReport } from './deliver';
export { Submission, submissionJsonSchemaText } from './schema';

/** `serve` delivers submissions when AMTSWEG_SUBMIT_ENDPOINTS is set and the engine has an outbox. */
export const fachverfahrenPlugin: ChannelPlugin = {
  name: 'fachverfahren',
  async start(ctx) {
    const endpoints = endpointsFromEnv(ctx.env);
    const outbox = ctx.engine.outbox;
    if (!endpoints || !outbox) return async () => undefined;
    return startSubmissionDelivery(outbox, endpoints);
  },
};
