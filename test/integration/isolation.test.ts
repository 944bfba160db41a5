// Isolation between callers under concurrency: 200 operations at once from alice, bob and eve,
// each over a box whose visibility differs by caller (alice reads all three; bob reads Welcome
// and Archive, was kicked from Closed; eve reads none). Every response must be exactly what its
// own token gets alone, and every upstream request must carry the cookie of the caller it was
// made for. Each caller asks for its own page size, so a GET in the emulator's log names the
// caller it was made for by its `limit` alone.
import { DEMO_BOX_IDS, DEMO_EVENT_IDS, DEMO_TOKENS } from '../../emulator';
import {
  describeCalls,
  startTestGateway,
  type GqlResponse,
  type TestGateway,
} from '../helpers/start-test-gateway';

type Who = 'alice' | 'bob' | 'eve';
const CALLERS: Who[] = ['alice', 'bob', 'eve'];
const BOXES = [DEMO_BOX_IDS.welcome, DEMO_BOX_IDS.archive, DEMO_BOX_IDS.closed];
const LIMIT: Record<Who, number> = { alice: 7, bob: 5, eve: 3 };
const VISIBLE: Record<Who, string[]> = {
  alice: BOXES,
  bob: [DEMO_BOX_IDS.welcome, DEMO_BOX_IDS.archive],
  eve: [],
};
const OPERATIONS = 200;

const query = (who: Who, box: string) => /* GraphQL */ `{
  box(id: "${box}") {
    id
    eventsCount
    events(limit: ${LIMIT[who]}) { id type sender { id displayName identifierValue } }
    fileEvents(limit: ${LIMIT[who]}) { id isSaved }
  }
}`;

/** The upstream requests one operation of `who` over `box` makes, tagged with the cookie due. */
const expectedCalls = (who: Who, box: string) => [
  `${DEMO_TOKENS[who]} HEAD /boxes/${box}/events`,
  `${DEMO_TOKENS[who]} GET /boxes/${box}/events?offset=0&limit=${LIMIT[who]}`,
  `${DEMO_TOKENS[who]} GET /boxes/${box}/files?offset=0&limit=${LIMIT[who]}`,
];

interface BoxData {
  id: string;
  eventsCount: number | null;
  events: Array<{ id: string }> | null;
  fileEvents: Array<{ id: string; isSaved: boolean }> | null;
}
type Body = GqlResponse<{ box: BoxData }>['body'];

/** Errors of sibling fields arrive in the order their calls ended: compare them by path. */
function normalized(body: Body): Body {
  if (!body.errors) return body;
  const byPath = (e: NonNullable<Body['errors']>[number]) => (e.path ?? []).join('.');
  return { ...body, errors: [...body.errors].sort((a, b) => byPath(a).localeCompare(byPath(b))) };
}

function errorSummary(body: Body): Array<[string, unknown]> {
  return (body.errors ?? [])
    .map((e): [string, unknown] => [(e.path ?? []).join('.'), e.extensions?.code])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('isolation between callers', () => {
  let t: TestGateway;
  /** What each caller gets for each box when asking alone, one operation at a time. */
  const alone = new Map<string, Body>();
  const key = (who: Who, box: string) => `${who} ${box}`;

  beforeAll(async () => {
    t = await startTestGateway();
    for (const who of CALLERS) {
      for (const box of BOXES) {
        const res = await t.gql<{ box: BoxData }>(query(who, box), undefined, {
          token: DEMO_TOKENS[who],
        });
        expect(res.status).toBe(200);
        alone.set(key(who, box), normalized(res.body));
      }
    }
  });
  afterAll(() => t.close());

  describe('what each caller sees alone (the reference for the concurrent run)', () => {
    const NAMES = Object.fromEntries(Object.entries(DEMO_BOX_IDS).map(([name, id]) => [id, name]));
    it.each(CALLERS.flatMap((who) => BOXES.map((box) => [who, NAMES[box], box] as const)))(
      '%s, %s box',
      (who, _name, box) => {
        const body = alone.get(key(who, box))!;
        if (VISIBLE[who].includes(box)) {
          expect(body.errors).toBeUndefined();
          const data = body.data!.box;
          expect(data.id).toBe(box);
          expect(data.eventsCount).toBeGreaterThan(0);
          expect(data.events).toHaveLength(Math.min(LIMIT[who], data.eventsCount!));
        } else {
          expect(body.data).toEqual({
            box: { id: box, eventsCount: null, events: null, fileEvents: null },
          });
          expect(errorSummary(body)).toEqual([
            ['box.events', 'FORBIDDEN'],
            ['box.eventsCount', 'FORBIDDEN'],
            ['box.fileEvents', 'FORBIDDEN'],
          ]);
        }
      },
    );

    it('per-caller data differs within one box: only bob saved the Welcome file', () => {
      const saved = (who: Who) =>
        alone
          .get(key(who, DEMO_BOX_IDS.welcome))!
          .data!.box.fileEvents!.find((f) => f.id === DEMO_EVENT_IDS.savedFile);
      expect(saved('bob')).toEqual({ id: DEMO_EVENT_IDS.savedFile, isSaved: true });
      expect(saved('alice')).toEqual({ id: DEMO_EVENT_IDS.savedFile, isSaved: false });
    });
  });

  it(`${OPERATIONS} concurrent operations: each response and each upstream call belongs to its caller`, async () => {
    const plan = Array.from({ length: OPERATIONS }, (_, i) => ({
      who: CALLERS[i % 3],
      box: BOXES[Math.floor(i / 3) % 3],
    }));
    t.resetCalls();

    const responses = await Promise.all(
      plan.map(({ who, box }) => t.gql(query(who, box), undefined, { token: DEMO_TOKENS[who] })),
    );

    responses.forEach((res, i) => {
      const { who, box } = plan[i];
      expect({ op: i, who, box, body: normalized(res.body) }).toEqual({
        op: i,
        who,
        box,
        body: alone.get(key(who, box)),
      });
    });

    const calls = t.upstreamCalls();
    for (const call of calls) {
      expect(call.cookies).toEqual({ accesstoken: expect.any(String), tokentype: 'bearer' });
    }
    const seen = calls.map((call) => `${call.cookies.accesstoken} ${describeCalls([call])[0]}`);
    seen.sort();
    const expected = plan.flatMap(({ who, box }) => expectedCalls(who, box)).sort();
    expect(seen).toHaveLength(OPERATIONS * 3);
    expect(seen).toEqual(expected);
  });
});
