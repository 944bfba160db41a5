// Trusted documents on the streaming transports (docs/realtime.md): a subscription over
// WebSocket or SSE named by `documentId` or by Apollo's persistedQuery hash runs the manifest's
// document; with PERSISTED_DOCUMENTS_ONLY any other document is refused with
// PERSISTED_QUERY_NOT_ALLOWED before parsing and with no upstream call or socket.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_BOX_IDS, DEMO_IDENTITY_IDS, DEMO_TOKENS } from '../../emulator';
import {
  BOX_EVENTS,
  sseSubscribe,
  updates,
  wsClient,
  type Received,
  type WsClient,
} from '../helpers/realtime-clients';
import { firstError, waitForSockets } from '../helpers/gateway-checks';
import { startTestGateway, type TestGateway } from '../helpers/start-test-gateway';

jest.setTimeout(90_000);

const POST = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id }
}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const FOLLOW_ID = sha256(BOX_EVENTS);
const persistedQuery = { version: 1, sha256Hash: FOLLOW_ID };
const bobOnWelcome = { identityId: DEMO_IDENTITY_IDS.bob, boxIds: [DEMO_BOX_IDS.welcome] };
// Not in the manifest, and not even a document: only-mode must refuse it before parsing.
const NOT_A_DOCUMENT = 'subscription { boxEvents(';

let dir: string;
let manifestPath: string;
const clients: WsClient[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'persisted-streams-'));
  manifestPath = join(dir, 'persisted-documents.json');
  writeFileSync(
    manifestPath,
    JSON.stringify({ [`sha256:${FOLLOW_ID}`]: BOX_EVENTS, [sha256(POST)]: POST }),
  );
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bob(t: TestGateway): WsClient {
  const client = wsClient(t.gateway.url, { token: DEMO_TOKENS.bob });
  clients.push(client);
  return client;
}

/** Alice posts by the manifest's id (the only way an only-mode gateway takes a mutation). */
async function alicePosts(t: TestGateway, text: string): Promise<string> {
  const answer = await t.post(
    { documentId: sha256(POST), variables: { boxId: DEMO_BOX_IDS.welcome, text } },
    { authorization: `Bearer ${DEMO_TOKENS.alice}` },
  );
  expect(answer.json.errors).toBeUndefined();
  return answer.json.data.postTextMessage.id;
}

/** The subscription delivers alice's next message: the manifest's document really runs. */
async function deliversAPost(t: TestGateway, received: Received, text: string) {
  await waitForSockets(t, 1);
  const id = await alicePosts(t, text);
  await received.until((r) => updates(r).some((u) => u.event?.id === id));
  expect(updates(received.results).map((u) => u.event.encrypted)).toEqual([text]);
  received.stop();
  await waitForSockets(t, 0);
}

describe('with PERSISTED_DOCUMENTS_ONLY=true', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({
      env: { PERSISTED_DOCUMENTS: manifestPath, PERSISTED_DOCUMENTS_ONLY: 'true' },
    });
  });
  afterAll(() => t.close());
  beforeEach(() => t.resetCalls());

  describe('over WebSocket', () => {
    it('runs a subscription by documentId (hex and sha256:<hex>; graphql-ws wants a query string, empty)', async () => {
      for (const documentId of [FOLLOW_ID, `sha256:${FOLLOW_ID}`]) {
        const received = bob(t).subscribePayload({
          query: '',
          documentId,
          variables: bobOnWelcome,
        });
        await deliversAPost(t, received, `d3M${documentId.length}`);
      }
    });

    it("runs one by Apollo's persistedQuery hash, the document sent too (GraphQLWsLink behind the persisted-query link)", async () => {
      const received = bob(t).subscribePayload({
        query: BOX_EVENTS,
        extensions: { persistedQuery },
        variables: bobOnWelcome,
      });
      await deliversAPost(t, received, 'aGFzaA');
    });

    it('refuses a document not in the manifest before parsing, with no upstream call', async () => {
      for (const query of [NOT_A_DOCUMENT, BOX_EVENTS.replace('boxId resynced', 'resynced')]) {
        const error = await firstError(bob(t).subscribePayload({ query, variables: bobOnWelcome }));
        expect(error.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      }
      // A hash the manifest does not hold is no trusted document either (no APQ on sockets).
      const unknownHash = await firstError(
        bob(t).subscribePayload({
          query: BOX_EVENTS,
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256('other') } },
          variables: bobOnWelcome,
        }),
      );
      expect(unknownHash.extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(t.upstreamCalls()).toEqual([]);
    });

    it('answers an unknown documentId with PERSISTED_QUERY_NOT_FOUND, one sent with a document with BAD_USER_INPUT', async () => {
      const unknown = await firstError(
        bob(t).subscribePayload({ query: '', documentId: sha256('x'), variables: bobOnWelcome }),
      );
      expect(unknown.extensions).toMatchObject({
        code: 'PERSISTED_QUERY_NOT_FOUND',
        documentId: sha256('x'),
      });
      const both = await firstError(
        bob(t).subscribePayload({ query: BOX_EVENTS, documentId: FOLLOW_ID, variables: {} }),
      );
      expect(both.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { documentId: 'send either documentId or query, not both' },
      });
      expect(t.upstreamCalls()).toEqual([]);
    });
  });

  describe('over SSE (POST /graphql/stream)', () => {
    it('runs a subscription by documentId in the body, and by the persistedQuery hash', async () => {
      const byId = sseSubscribe(t.gateway.url, bobOnWelcome, {
        token: DEMO_TOKENS.bob,
        payload: { documentId: `sha256:${FOLLOW_ID}` },
      });
      expect(await byId.status).toBe(200);
      await deliversAPost(t, byId, 'c3Nl');
      const byHash = sseSubscribe(t.gateway.url, bobOnWelcome, {
        token: DEMO_TOKENS.bob,
        payload: { query: BOX_EVENTS, extensions: { persistedQuery } },
      });
      await deliversAPost(t, byHash, 'c3NlMg');
    });

    it('refuses a document not in the manifest with 400 before parsing, with no upstream call', async () => {
      const refused = sseSubscribe(t.gateway.url, bobOnWelcome, {
        token: DEMO_TOKENS.bob,
        query: NOT_A_DOCUMENT,
      });
      expect(await refused.status).toBe(400);
      const [answer] = await refused.untilDone();
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const unknown = sseSubscribe(t.gateway.url, bobOnWelcome, {
        token: DEMO_TOKENS.bob,
        payload: { documentId: 'abc' },
      });
      expect(await unknown.status).toBe(400);
      const [notFound] = await unknown.untilDone();
      expect(notFound.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(t.upstreamCalls()).toEqual([]);
    });
  });
});

describe('with PERSISTED_DOCUMENTS alone', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ env: { PERSISTED_DOCUMENTS: manifestPath } });
  });
  afterAll(() => t.close());

  it('runs a documentId and, next to it, a document that is not in the manifest', async () => {
    const byId = bob(t).subscribePayload({
      query: '',
      documentId: FOLLOW_ID,
      variables: bobOnWelcome,
    });
    await deliversAPost(t, byId, 'aWQ');
    const plain = bob(t).subscribe(
      bobOnWelcome,
      BOX_EVENTS.replace('boxId resynced', 'resynced boxId'),
    );
    await deliversAPost(t, plain, 'cGxhaW4');
  });
});
