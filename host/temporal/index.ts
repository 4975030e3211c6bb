/** The Temporal host of amtsweg: engine adapter, connection, payload codec and dev-server helper. */
export { createTemporalEngine, berlinDate, type TemporalEngine, type TemporalEngineOptions } from './engine';
export { EncryptionCodec, amtswegDataConverter, loadKeyRing, randomKeyRing, DEV_KEY_FILE, type KeyRing } from './codec';
export { temporalSettings, connectionOptions, connectWithRetry, createClient, type TemporalSettings } from './connection';
export { startDevServer, ensureTemporalBinary, findTemporalBinary, installTemporalBinary, freePort, waitForTemporal, type DevServer } from './dev-server';
export { TemporalUnreachableError, PayloadKeyError, KeyConfigError, NotSupportedOnTemporalError, TemporalInstallError } from './errors';
export { toSessionView, toCaseDetail } from './views';
export { exportSessionHistory, historyBytes, readHistoryFile, replaySessionHistory, sessionWorkflowId } from './replay';
export { addTemporalOptions, settingsFromFlags, temporalEngineFromFlags, type TemporalFlags } from './cli-options';
