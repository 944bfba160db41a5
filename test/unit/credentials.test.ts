// docs/graphql-api.md#authentication row by row: what the client sends → exactly what goes
// upstream.
import { inspect } from 'node:util';
import {
  readCredentials,
  toUpstreamHeaders,
  type BearerCredentials,
  type CookieCredentials,
  type Credentials,
} from '../../src/auth/credentials';
import { UnauthenticatedError } from '../../src/errors/gateway-errors';

const TOKEN = 'ory_at_abc.DEF-123_~';

function read(headers: Record<string, string | string[] | undefined>): Credentials | null {
  return readCredentials(headers);
}

function parseCookieHeader(cookie: string): Record<string, string> {
  return Object.fromEntries(
    cookie.split('; ').map((pair) => pair.split('=', 2) as [string, string]),
  );
}

describe('readCredentials', () => {
  it('reads Authorization: Bearer, scheme case-insensitive', () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const credentials = read({ authorization: `${scheme} ${TOKEN}` });
      expect(credentials?.kind).toBe('bearer');
      expect((credentials as BearerCredentials).token).toBe(TOKEN);
    }
  });

  it('reads the session cookies and the CSRF header', () => {
    const credentials = read({
      cookie: `theme=dark; accesstoken=${TOKEN}; tokentype=bearer; _csrf=c1`,
      'x-csrf-token': 'c1',
      'x-other': 'ignored',
    }) as CookieCredentials;
    expect(credentials.kind).toBe('cookies');
    expect(credentials.accessToken).toBe(TOKEN);
    expect(credentials.tokenType).toBe('bearer');
    expect(credentials.csrfCookie).toBe('c1');
    expect(credentials.csrfHeader).toBe('c1');
  });

  it('needs the accesstoken cookie for cookie credentials', () => {
    expect(read({ cookie: 'tokentype=bearer; _csrf=c1', 'x-csrf-token': 'c1' })).toBeNull();
  });

  it('returns null when nothing is sent', () => {
    expect(read({})).toBeNull();
    expect(read({ cookie: '' })).toBeNull();
  });

  it('lets the bearer token win over cookies', () => {
    const credentials = read({
      authorization: `Bearer ${TOKEN}`,
      cookie: 'accesstoken=cookie-token; tokentype=bearer',
    });
    expect(credentials?.kind).toBe('bearer');
    expect((credentials as BearerCredentials).token).toBe(TOKEN);
  });

  it('ignores other Authorization schemes, so cookies still count', () => {
    expect(read({ authorization: 'Basic dXNlcjpwYXNz' })).toBeNull();
    expect(read({ authorization: 'Bearerx abc' })).toBeNull();
    const credentials = read({
      authorization: 'Basic dXNlcjpwYXNz',
      cookie: `accesstoken=${TOKEN}; tokentype=bearer`,
    });
    expect(credentials?.kind).toBe('cookies');
  });

  it.each([
    ['empty bearer token', { authorization: 'Bearer' }],
    ['blank bearer token', { authorization: 'Bearer    ' }],
    ['two-part bearer token', { authorization: 'Bearer a b' }],
    ['semicolon in bearer token', { authorization: 'Bearer a;tokentype=x' }],
    ['comma in bearer token', { authorization: 'Bearer a,b' }],
    ['quote in bearer token', { authorization: 'Bearer "a"' }],
    ['backslash in bearer token', { authorization: 'Bearer a\\b' }],
    ['non-ASCII in bearer token', { authorization: 'Bearer tökén' }],
    [
      'bearer with junk wins over valid cookies',
      { authorization: 'Bearer a b', cookie: `accesstoken=${TOKEN}` },
    ],
    ['empty accesstoken cookie', { cookie: 'accesstoken=; tokentype=bearer' }],
    ['space in accesstoken cookie', { cookie: 'accesstoken=a b; tokentype=bearer' }],
    ['comma in tokentype cookie', { cookie: `accesstoken=${TOKEN}; tokentype=bearer,x` }],
    ['quote in _csrf cookie', { cookie: `accesstoken=${TOKEN}; _csrf="x"` }],
    ['space in X-CSRF-Token', { cookie: `accesstoken=${TOKEN}`, 'x-csrf-token': 'a b' }],
    [
      'comma in X-CSRF-Token (a repeated header joined)',
      { cookie: `accesstoken=${TOKEN}`, 'x-csrf-token': 'a, b' },
    ],
  ])('rejects unsafe values: %s', (_name, headers) => {
    const credentials = read(headers);
    expect(credentials?.kind).toBe('rejected');
    expect(JSON.stringify(credentials)).not.toContain('a b');
    expect(() => toUpstreamHeaders(credentials!, 'GET')).toThrow(UnauthenticatedError);
  });

  it('names what was wrong without echoing the value', () => {
    const credentials = read({ cookie: 'accesstoken=sec ret' });
    expect(() => toUpstreamHeaders(credentials!, 'GET')).toThrow(/accesstoken cookie/);
    expect(() => toUpstreamHeaders(credentials!, 'GET')).not.toThrow(/sec ret/);
  });

  it('takes the first of repeated cookies and headers', () => {
    const credentials = read({
      cookie: ['accesstoken=first', 'accesstoken=second; tokentype=bearer'],
      'x-csrf-token': ['h1', 'h2'],
    }) as CookieCredentials;
    expect(credentials.accessToken).toBe('first');
    expect(credentials.csrfHeader).toBe('h1');
  });

  it('finds headers whatever their case', () => {
    expect(read({ Authorization: `Bearer ${TOKEN}` })?.kind).toBe('bearer');
  });
});

describe('toUpstreamHeaders', () => {
  const bearer = readCredentials({ authorization: `Bearer ${TOKEN}` })!;

  it.each(['GET', 'HEAD'])(
    'bearer on %s: the session cookies only, no CSRF, no Authorization',
    (method) => {
      expect(toUpstreamHeaders(bearer, method)).toEqual({
        cookie: `accesstoken=${TOKEN}; tokentype=bearer`,
      });
    },
  );

  it.each(['POST', 'PUT', 'DELETE'])(
    'bearer on %s (every unsafe method): a fresh random CSRF value as both the _csrf cookie and the header',
    (method) => {
      const headers = toUpstreamHeaders(bearer, method);
      expect(Object.keys(headers).sort()).toEqual(['cookie', 'x-csrf-token']);
      const cookies = parseCookieHeader(headers.cookie);
      expect(Object.keys(cookies)).toEqual(['accesstoken', 'tokentype', '_csrf']);
      expect(cookies).toMatchObject({ accesstoken: TOKEN, tokentype: 'bearer' });
      expect(cookies._csrf).toBe(headers['x-csrf-token']);
      expect(headers['x-csrf-token']).toMatch(/^[\w-]{43}$/);
    },
  );

  it('bearer on POST: a different CSRF value every time', () => {
    const values = new Set(
      Array.from({ length: 20 }, () => toUpstreamHeaders(bearer, 'post')['x-csrf-token']),
    );
    expect(values.size).toBe(20);
  });

  it('cookies: the three cookies and the header, verbatim, on every method', () => {
    const credentials = readCredentials({
      cookie: `other=1; accesstoken=${TOKEN}; tokentype=bearer; _csrf=c1; tracking=x`,
      'x-csrf-token': 'h1',
      authorization: 'Basic dXNlcjpwYXNz',
    })!;
    for (const method of ['GET', 'HEAD', 'POST']) {
      expect(toUpstreamHeaders(credentials, method)).toEqual({
        cookie: `accesstoken=${TOKEN}; tokentype=bearer; _csrf=c1`,
        'x-csrf-token': 'h1',
      });
    }
  });

  it('cookies: only those the client sent (no CSRF invented for a browser)', () => {
    const credentials = readCredentials({ cookie: `accesstoken=${TOKEN}` })!;
    expect(toUpstreamHeaders(credentials, 'POST')).toEqual({ cookie: `accesstoken=${TOKEN}` });
  });
});

describe('credentials never print their secrets', () => {
  const cases: Array<[string, Credentials]> = [
    ['bearer', readCredentials({ authorization: `Bearer ${TOKEN}` })!],
    [
      'cookies',
      readCredentials({
        cookie: `accesstoken=${TOKEN}; tokentype=bearer; _csrf=csrf-secret`,
        'x-csrf-token': 'csrf-secret',
      })!,
    ],
  ];
  it.each(cases)('%s', (kind, credentials) => {
    const outputs = [
      JSON.stringify(credentials),
      JSON.stringify({ credentials }),
      inspect(credentials),
      inspect({ nested: { credentials } }, { depth: 5, showHidden: false }),
      String(Object.keys(credentials)),
      JSON.stringify({ ...credentials }),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain('csrf-secret');
    }
    expect(JSON.parse(JSON.stringify(credentials))).toEqual({ kind, secrets: '[redacted]' });
    expect(inspect(credentials)).toContain('[redacted]');
  });

  it('is frozen', () => {
    const credentials = readCredentials({ authorization: `Bearer ${TOKEN}` })!;
    expect(Object.isFrozen(credentials)).toBe(true);
  });
});
