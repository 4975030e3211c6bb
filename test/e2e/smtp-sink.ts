/** A loopback SMTP "relay" that collects what amtsweg sends, parsed (the delivery tests' relay). */
import { startTestRelay, type TestRelay } from '../../channels/email/sink.fixture';

export type Sink = TestRelay;

/** Starts a sink on a free loopback port. */
export function startSink(): Promise<Sink> {
  return startTestRelay(0);
}
