/**
 * What Temporal may show in clear: the memo (service, definition version and hash). The client
 * wraps each memo value in `ClearText`; this payload converter marks its payload so the payload
 * codec leaves it unencrypted, and the Temporal UI and CLI read it without a codec server.
 * Loaded by path into the client's data converter only: workers never produce clear payloads.
 */
import {
  BinaryPayloadConverter, CompositePayloadConverter, JsonPayloadConverter, UndefinedPayloadConverter,
  type Payload, type PayloadConverterWithEncoding,
} from '@temporalio/common';

/** Metadata key of a payload the codec must not encrypt. */
export const CLEAR_TEXT_MARK = 'amtsweg-clear';

/** A value that is not personal and goes to Temporal unencrypted (memo fields only). */
export class ClearText {
  constructor(readonly value: string | number | boolean) {}
}

const enc = new TextEncoder();
const dec = new TextDecoder();

class ClearTextPayloadConverter implements PayloadConverterWithEncoding {
  readonly encodingType = 'json/plain';
  toPayload(value: unknown): Payload | undefined {
    if (!(value instanceof ClearText)) return undefined;
    return { metadata: { encoding: enc.encode('json/plain'), [CLEAR_TEXT_MARK]: enc.encode('1') }, data: enc.encode(JSON.stringify(value.value)) };
  }
  fromPayload<T>(payload: Payload): T {
    return JSON.parse(dec.decode(payload.data ?? new Uint8Array())) as T;
  }
}

/** The default converters, with ClearText first (decoding stays the plain JSON converter's). */
export const payloadConverter = new CompositePayloadConverter(
  new ClearTextPayloadConverter(), new UndefinedPayloadConverter(), new BinaryPayloadConverter(), new JsonPayloadConverter(),
);

/** True for a payload the client marked as clear text. */
export function isClearText(p: Payload): boolean {
  return p.metadata?.[CLEAR_TEXT_MARK] !== undefined;
}
