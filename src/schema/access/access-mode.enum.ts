import { registerEnumType } from 'type-graphql';

/**
 * Values are the GraphQL names: compiled execution serves enum values as they are
 * (graphql-jit's disableLeafSerialization, execution/compiled-queries.ts), so a value must be
 * what the client reads. The upstream's strings are in ACCESS_MODE_UPSTREAM.
 */
export enum AccessMode {
  PUBLIC = 'PUBLIC',
  LIMITED = 'LIMITED',
}

/** The upstream strings of state.access_mode's `value` (docs/upstream.md#event-types). */
export const ACCESS_MODE_UPSTREAM: Readonly<Record<AccessMode, string>> = {
  [AccessMode.PUBLIC]: 'public',
  [AccessMode.LIMITED]: 'limited',
};

registerEnumType(AccessMode, {
  name: 'AccessMode',
  description: 'Who may join a box.',
  valuesConfig: {
    PUBLIC: { description: 'Anyone with the link may join.' },
    LIMITED: { description: 'Only identities matching an access rule may join.' },
  },
});
