// JSON: any JSON value, for content the gateway does not model (unknown event types, the
// escape-hatch mutation's input, auto-invitation payloads).
import { JSONResolver } from 'graphql-scalars';

export const JSONScalar = JSONResolver;
