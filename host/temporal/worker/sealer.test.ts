import { randomKeyRing } from '../codec';
import { keyRingSealer } from './sealer';

it('seals without plaintext, opens back, and names the key id when it cannot', () => {
  const ring = randomKeyRing('w1');
  const sealed = keyRingSealer(ring).seal('{"name":"Erika Mustermann"}');
  expect(sealed.toString('latin1')).not.toContain('Mustermann');
  expect(keyRingSealer(ring).open(sealed)).toBe('{"name":"Erika Mustermann"}');
  expect(() => keyRingSealer(randomKeyRing('w2')).open(sealed)).toThrow(/"w1"/);
  expect(() => keyRingSealer(randomKeyRing('w1')).open(sealed)).toThrow(/"w1".*authentication failed/);
});
