// Scalars, cursors and the argument checks, on their own.
import { Kind } from 'graphql';
import { BadUserInputError } from '../../src/errors/gateway-errors';
import {
  checkAccessChange,
  checkAfter,
  checkBase64Url,
  checkBoxIds,
  checkFirst,
  checkPage,
} from '../../src/schema/arguments';
import { decodeCursor, encodeCursor } from '../../src/schema/box/cursor';
import { DateTimeScalar } from '../../src/schema/scalars/date-time.scalar';
import { asUuid, UUIDScalar } from '../../src/schema/scalars/uuid.scalar';

const UUID = '74ee16b5-89be-44f7-bcdd-117f496a90a7';

describe('UUID', () => {
  it('accepts any case and returns lowercase, from variables and literals', () => {
    expect(UUIDScalar.parseValue(UUID.toUpperCase())).toBe(UUID);
    expect(UUIDScalar.parseLiteral({ kind: Kind.STRING, value: UUID.toUpperCase() })).toBe(UUID);
  });

  it('is checked and lowercased where an upstream value enters (asUuid), then served as it is', () => {
    expect(asUuid(UUID.toUpperCase())).toBe(UUID);
    expect(asUuid(`${UUID}0`)).toBeNull();
    expect(asUuid(42)).toBeNull();
    expect(UUIDScalar.serialize(asUuid(UUID))).toBe(UUID);
    expect(() => UUIDScalar.serialize(42)).toThrow(TypeError);
  });

  it.each(['YOU_KNOW_IM_BAD', `${UUID}0`, UUID.replace(/-/g, ''), '', 42])(
    'refuses %j as BAD_USER_INPUT',
    (value) => {
      expect(() => UUIDScalar.parseValue(value)).toThrow(BadUserInputError);
    },
  );

  it('refuses a non-string literal', () => {
    expect(() => UUIDScalar.parseLiteral({ kind: Kind.INT, value: '1' })).toThrow(
      BadUserInputError,
    );
  });
});

describe('DateTime', () => {
  it('passes the upstream string through exactly, nanoseconds included', () => {
    expect(DateTimeScalar.serialize('2020-09-14T08:06:04.054352682Z')).toBe(
      '2020-09-14T08:06:04.054352682Z',
    );
    // Strings were checked where they entered; anything else is a field not typed DateTime.
    expect(() => DateTimeScalar.serialize(42)).toThrow('DateTime cannot serialize a number');
  });

  it('parses RFC 3339 strings unchanged and refuses anything else', () => {
    expect(DateTimeScalar.parseValue('2021-01-01T00:00:00+02:00')).toBe(
      '2021-01-01T00:00:00+02:00',
    );
    expect(() => DateTimeScalar.parseValue('yesterday')).toThrow(BadUserInputError);
    expect(() => DateTimeScalar.parseValue(0)).toThrow(BadUserInputError);
  });
});

describe('cursors', () => {
  it('round-trip a position and are opaque base64url', () => {
    expect(encodeCursor(0)).toMatch(/^[\w-]+$/);
    expect(decodeCursor(encodeCursor(1234))).toBe(1234);
  });

  it.each([
    '',
    '!!',
    Buffer.from('offset:').toString('base64url'),
    Buffer.from('offset:01').toString('base64url'),
  ])('decode %j to null', (cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});

describe('argument checks', () => {
  const fieldsOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      return (error as BadUserInputError).extensions.fields;
    }
    throw new Error('expected a BadUserInputError');
  };

  it('pages: offset >= 0, 1 <= limit <= 500', () => {
    expect(checkPage(0, 1)).toEqual({ offset: 0, limit: 1 });
    expect(checkPage(10, 500)).toEqual({ offset: 10, limit: 500 });
    expect(fieldsOf(() => checkPage(-1, 10))).toEqual({ offset: 'must be 0 or more' });
    expect(fieldsOf(() => checkPage(0, 0))).toEqual({ limit: 'must be between 1 and 500' });
    expect(fieldsOf(() => checkPage(0, 501))).toEqual({ limit: 'must be between 1 and 500' });
  });

  it('first: 1 to 500; after: one of our cursors', () => {
    expect(checkFirst(500)).toBe(500);
    expect(fieldsOf(() => checkFirst(0))).toEqual({ first: expect.any(String) });
    expect(checkAfter(null)).toBe(0);
    expect(checkAfter(encodeCursor(9))).toBe(10);
    expect(fieldsOf(() => checkAfter('nope'))).toEqual({ after: expect.any(String) });
  });

  it('box ids: 1 to 50', () => {
    expect(checkBoxIds(Array(50).fill(UUID))).toHaveLength(50);
    expect(fieldsOf(() => checkBoxIds([]))).toEqual({ ids: expect.any(String) });
  });

  it('encrypted values: unpadded URL-safe base64, named in fields', () => {
    expect(checkBase64Url('encrypted', 'aZ09_-')).toBe('aZ09_-');
    expect(fieldsOf(() => checkBase64Url('encrypted', 'ab+/=='))).toEqual({
      encrypted: expect.any(String),
    });
  });

  it('an access change must change something', () => {
    expect(() => checkAccessChange(1, 0)).not.toThrow();
    expect(fieldsOf(() => checkAccessChange(0, 0))).toHaveProperty('add');
  });
});
