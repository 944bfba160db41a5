import { registerEnumType } from 'type-graphql';

/**
 * Values are the GraphQL names, as for AccessMode (access-mode.enum.ts says why). The
 * upstream's strings are in ACCESS_RESTRICTION_UPSTREAM.
 */
export enum AccessRestriction {
  IDENTIFIER = 'IDENTIFIER',
  EMAIL_DOMAIN = 'EMAIL_DOMAIN',
}

/** The upstream strings of access.add's `restriction_type` (docs/upstream.md#event-types). */
export const ACCESS_RESTRICTION_UPSTREAM: Readonly<Record<AccessRestriction, string>> = {
  [AccessRestriction.IDENTIFIER]: 'identifier',
  [AccessRestriction.EMAIL_DOMAIN]: 'email_domain',
};

registerEnumType(AccessRestriction, {
  name: 'AccessRestriction',
  description: 'What an access rule matches.',
  valuesConfig: {
    IDENTIFIER: { description: 'One identifier (e.g. an email address).' },
    EMAIL_DOMAIN: { description: 'Every email address of one domain.' },
  },
});
