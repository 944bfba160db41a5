import { registerEnumType } from 'type-graphql';

/** Values are the upstream strings of state.access_mode (upstream-api.md §6.9). */
export enum AccessMode {
  PUBLIC = 'public',
  LIMITED = 'limited',
}

registerEnumType(AccessMode, {
  name: 'AccessMode',
  description: 'Who may join a box.',
  valuesConfig: {
    PUBLIC: { description: 'Anyone with the link may join.' },
    LIMITED: { description: 'Only identities matching an access rule may join.' },
  },
});
