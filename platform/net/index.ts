/** Loopback networking helpers shared by the dev-server starter, the benches and the test servers. */
export { freePort } from './free-port';
