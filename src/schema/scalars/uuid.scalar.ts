// UUID: what the upstream calls ids. Clients may send any case; we always hand the upstream the
// lowercase form, because its `is.UUIDv4` check rejects uppercase (docs/upstream.md#endpoints).
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from '../../errors/gateway-errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What the upstream writes: tested first, it spares the lowercase copy of every id. */
const LOWERCASE_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

declare const CHECKED: unique symbol;

/**
 * A UUID in lowercase, checked where it entered the gateway: a client's argument (this
 * scalar's parse) or an upstream answer (asUuid, in the mapping). Every UUID field is typed
 * Uuid, so serialize only has to hand the value on: checking it again cost a regular
 * expression and a toLowerCase per id served, ~3 % of a 500-event page (bench/RESULTS.md).
 */
export type Uuid = string & { readonly [CHECKED]: 'Uuid' };

/** The lowercase Uuid of a value, or null when it is not a UUID. */
export function asUuid(value: unknown): Uuid | null {
  if (typeof value !== 'string') return null;
  if (LOWERCASE_UUID_PATTERN.test(value)) return value as Uuid;
  return UUID_PATTERN.test(value) ? (value.toLowerCase() as Uuid) : null;
}

function parseUuid(value: unknown): Uuid {
  const uuid = asUuid(value);
  if (uuid !== null) return uuid;
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  throw new BadUserInputError(
    `UUID cannot represent ${shown}: expected 8-4-4-4-12 hexadecimal digits`,
    {},
  );
}

export const UUIDScalar = new GraphQLScalarType<Uuid, string>({
  name: 'UUID',
  description:
    'A canonical 8-4-4-4-12 hexadecimal UUID. Accepted in any case; always returned and sent upstream in lowercase.',
  // A Uuid (checked and lowercased on entry); a non-string means a field not typed Uuid.
  serialize(value) {
    if (typeof value === 'string') return value;
    throw new TypeError(`UUID cannot serialize ${JSON.stringify(value)}`);
  },
  parseValue: parseUuid,
  parseLiteral(ast: ValueNode) {
    return parseUuid(ast.kind === Kind.STRING ? ast.value : `<${ast.kind}>`);
  },
});
