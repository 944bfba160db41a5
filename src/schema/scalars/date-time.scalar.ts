// DateTime: the upstream's RFC 3339 string, passed through exactly. The upstream writes up to
// nanosecond precision in POST answers (docs/upstream.md#events); a Date round trip would cut it
// to milliseconds, which is why graphql-scalars' DateTime (it re-formats) is not used here.
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from '../../errors/gateway-errors';

const RFC3339_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

declare const CHECKED: unique symbol;

/**
 * An RFC 3339 string checked where it entered the gateway (asDateTime in the mapping, or this
 * scalar's parse), as with Uuid (uuid.scalar.ts): every DateTime field is typed DateTime, so
 * serialize does not test the pattern again.
 */
export type DateTime = string & { readonly [CHECKED]: 'DateTime' };

/** Whether a value can be served as a DateTime: an RFC 3339 string, kept exactly as written. */
export function isDateTime(value: unknown): value is DateTime {
  return typeof value === 'string' && RFC3339_PATTERN.test(value);
}

function parseDateTime(value: unknown): DateTime {
  if (isDateTime(value)) return value;
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  throw new BadUserInputError(
    `DateTime cannot represent ${shown}: expected an RFC 3339 string`,
    {},
  );
}

export const DateTimeScalar = new GraphQLScalarType<DateTime, string>({
  name: 'DateTime',
  description:
    'An RFC 3339 date-time string, passed through exactly as the upstream wrote it (no precision lost).',
  // A DateTime (checked on entry); a non-string means a field not typed DateTime.
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new TypeError(`DateTime cannot serialize a ${typeof value}: expected an RFC 3339 string`);
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode) {
    return parseDateTime(ast.kind === Kind.STRING ? ast.value : `<${ast.kind}>`);
  },
});
