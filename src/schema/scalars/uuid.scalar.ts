// UUID: what the upstream calls ids. Clients may send any case; we always hand the upstream the
// lowercase form, because its `is.UUIDv4` check rejects uppercase (upstream-api.md §1.4).
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { BadUserInputError } from '../../errors/gateway-errors';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

function parseUuid(value: unknown): string {
  if (isUuid(value)) return value.toLowerCase();
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  throw new BadUserInputError(
    `UUID cannot represent ${shown}: expected 8-4-4-4-12 hexadecimal digits`,
    {},
  );
}

export const UUIDScalar = new GraphQLScalarType<string, string>({
  name: 'UUID',
  description:
    'A canonical 8-4-4-4-12 hexadecimal UUID. Accepted in any case; always returned and sent upstream in lowercase.',
  serialize(value) {
    if (isUuid(value)) return value.toLowerCase();
    throw new TypeError(`UUID cannot serialize ${JSON.stringify(value)}`);
  },
  parseValue: parseUuid,
  parseLiteral(ast: ValueNode) {
    return parseUuid(ast.kind === Kind.STRING ? ast.value : `<${ast.kind}>`);
  },
});
