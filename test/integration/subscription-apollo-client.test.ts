// A real Apollo Client 4 (split link: HTTP for queries and mutations, GraphQLWsLink for
// subscriptions; InMemoryCache with possibleTypes) sees another user's edit and deletion of a
// message in its normalised cache through the subscription's `message` patch, with no refetch.
import {
  ApolloClient,
  HttpLink,
  InMemoryCache,
  gql,
  split,
  type FetchResult,
} from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';
import { catchUpReads, waitForSockets } from '../helpers/gateway-checks';
import { waitFor } from '../helpers/wait-for';

jest.setTimeout(90_000);

const { welcome } = DEMO_BOX_IDS;
let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const MESSAGE_FIELDS = gql`
  fragment MessageFields on TextMessageEvent {
    id
    encrypted
    publicKey
    lastEditedAt
    deletion {
      deletedBy {
        id
        displayName
      }
      deletedAt
    }
  }
`;

const LATEST = gql`
  query Latest($boxId: UUID!) {
    box(id: $boxId) {
      id
      events(limit: 5) {
        id
        ...MessageFields
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

const FOLLOW = gql`
  subscription Follow($identityId: UUID!, $boxIds: [UUID!]!) {
    boxEvents(identityId: $identityId, boxIds: $boxIds) {
      boxId
      resynced
      event {
        id
        type
      }
      message {
        id
        ...MessageFields
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

function apolloClient(token: string) {
  const httpRequests: string[] = [];
  const http = new HttpLink({
    uri: t.gateway.url,
    headers: { authorization: `Bearer ${token}` },
    fetch: (input, init) => {
      httpRequests.push(String(init?.body));
      return fetch(input, init);
    },
  });
  const wsClient = createClient({
    url: t.gateway.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(wsClient),
    http,
  );
  const schema = buildGatewaySchema();
  const boxEvent = schema.getType('BoxEvent');
  if (!boxEvent || !('getFields' in boxEvent)) throw new Error('no BoxEvent');
  const possibleTypes = {
    BoxEvent: schema.getPossibleTypes(boxEvent as never).map((type) => type.name),
  };
  const client = new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes }) });
  return { client, httpRequests, close: () => wsClient.dispose() };
}

async function gatewayMutation(token: string, mutation: string) {
  const response = await t.gql(mutation, {}, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

it('cache.readFragment shows an edit and a deletion by another user with no refetch', async () => {
  const created = await gatewayMutation(
    DEMO_TOKENS.alice,
    `mutation { postTextMessage(boxId: "${welcome}", encrypted: "b3JpZ2luYWw", publicKey: "pk1") { id } }`,
  );
  const messageId: string = created.postTextMessage.id;

  const bob = apolloClient(DEMO_TOKENS.bob);
  try {
    await bob.client.query({ query: LATEST, variables: { boxId: welcome } });
    const id = bob.client.cache.identify({ __typename: 'TextMessageEvent', id: messageId });
    const read = () =>
      bob.client.cache.readFragment<Record<string, unknown>>({
        id,
        fragment: MESSAGE_FIELDS,
      });
    expect(read()).toMatchObject({ encrypted: 'b3JpZ2luYWw', lastEditedAt: null, deletion: null });

    const received: FetchResult[] = [];
    const catchUpsBefore = catchUpReads(t, welcome);
    const subscription = bob.client
      .subscribe({
        query: FOLLOW,
        variables: { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [welcome] },
      })
      .subscribe({ next: (result) => received.push(result as FetchResult) });
    // Attached: its socket is open and it made its catch-up read.
    await waitForSockets(t, 1);
    await waitFor('the catch-up read', () => catchUpReads(t, welcome) > catchUpsBefore);
    const requestsBefore = bob.httpRequests.length;

    const edit = await gatewayMutation(
      DEMO_TOKENS.alice,
      `mutation { editTextMessage(boxId: "${welcome}", messageId: "${messageId}", newEncrypted: "ZWRpdGVk", newPublicKey: "pk2") { serverEventCreatedAt } }`,
    );
    await waitFor('the edit in the cache', () => read()?.encrypted === 'ZWRpdGVk');
    expect(read()).toMatchObject({
      encrypted: 'ZWRpdGVk',
      publicKey: 'pk2',
      lastEditedAt: edit.editTextMessage.serverEventCreatedAt,
      deletion: null,
    });

    const deletion = await gatewayMutation(
      DEMO_TOKENS.alice,
      `mutation { deleteMessage(boxId: "${welcome}", messageId: "${messageId}") { serverEventCreatedAt } }`,
    );
    await waitFor('the deletion in the cache', () => read()?.deletion !== null);
    expect(read()).toMatchObject({
      encrypted: null,
      publicKey: null,
      deletion: {
        deletedBy: { id: DEMO_IDENTITY_IDS.alice, displayName: 'Alice Martin' },
        deletedAt: deletion.deleteMessage.serverEventCreatedAt,
      },
    });
    expect(bob.httpRequests).toHaveLength(requestsBefore);
    expect(
      received.map(
        (r) => (r.data as { boxEvents: { event: { type: string } } }).boxEvents.event.type,
      ),
    ).toEqual(['msg.edit', 'msg.delete']);
    subscription.unsubscribe();
  } finally {
    await bob.close();
  }
});
