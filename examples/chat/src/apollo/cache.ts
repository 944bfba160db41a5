// The normalised cache. possibleTypes (generated from the schema by codegen) lets it match
// `... on TextMessageEvent` fragments against `BoxEvent` results; every event and identity is
// stored once under its __typename and id, so an edit or deletion patched in one place shows
// everywhere that event is listed.
import { InMemoryCache } from '@apollo/client';
import possibleTypesResult from '../gql/possible-types';
import { eventsConnectionPolicy } from './events-connection-policy';

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    possibleTypes: possibleTypesResult.possibleTypes,
    typePolicies: {
      Box: { fields: { eventsConnection: eventsConnectionPolicy } },
    },
  });
}
