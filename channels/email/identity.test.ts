import { authVerdict, parseAuthenticationResults } from './identity';

describe('Authentication-Results', () => {
  test('parses methods and properties, comments dropped', () => {
    const r = parseAuthenticationResults('mx.stadt.example; dkim=pass (good signature) header.d=example.org header.s=s1; spf=fail smtp.mailfrom=bad@x.example; dmarc=pass header.from=example.org');
    expect(r.authservId).toBe('mx.stadt.example');
    expect(r.results.map((x) => `${x.method}=${x.result}`)).toEqual(['dkim=pass', 'spf=fail', 'dmarc=pass']);
    expect(r.results[0].props['header.d']).toBe('example.org');
  });
  test('verdicts: aligned pass, DMARC fail wins, unaligned ignored, untrusted servers ignored', () => {
    expect(authVerdict(['mx; dkim=pass header.d=mail.example.org'], 'example.org')).toBe('pass');
    expect(authVerdict(['mx; dkim=pass header.d=example.org; dmarc=fail header.from=example.org'], 'example.org')).toBe('fail');
    expect(authVerdict(['mx; dkim=pass header.d=evil.example'], 'example.org')).toBe('none');
    expect(authVerdict(['mx; spf=fail smtp.mailfrom=a@example.org'], 'example.org')).toBe('fail');
    expect(authVerdict(['evil; dmarc=pass header.from=example.org'], 'example.org', ['mx.stadt.example'])).toBe('none');
    expect(authVerdict([], 'example.org')).toBe('none');
  });
});
