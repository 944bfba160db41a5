import { registerEnumType } from 'type-graphql';

/** Values are the upstream strings of access.add's restriction_type (upstream-api.md §6.11). */
export enum AccessRestriction {
  IDENTIFIER = 'identifier',
  EMAIL_DOMAIN = 'email_domain',
}

registerEnumType(AccessRestriction, {
  name: 'AccessRestriction',
  description: 'What an access rule matches.',
  valuesConfig: {
    IDENTIFIER: { description: 'One identifier (e.g. an email address).' },
    EMAIL_DOMAIN: { description: 'Every email address of one domain.' },
  },
});
