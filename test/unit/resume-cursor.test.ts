// Subscription cursors (src/resume/cursor.ts): what round-trips, how long, and what is refused.
import { decodeCursor, encodeCursor, MAX_CURSOR_LENGTH } from '../../src/resume/cursor';

const box = 'b0000000-0000-4000-8000-000000000001';
const event = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('subscription cursors', () => {
  it.each([
    ['a UUID event', { boxId: box, eventId: event }],
    ['an empty box', { boxId: box, eventId: null }],
    ['a non-UUID event id', { boxId: box, eventId: 'legacy-42' }],
  ])('round-trip %s, within 128 characters', (_name, position) => {
    const cursor = encodeCursor(position);
    expect(cursor.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('are case-insensitive on the way in and lowercase on the way out', () => {
    const cursor = encodeCursor({ boxId: box.toUpperCase(), eventId: event.toUpperCase() });
    expect(decodeCursor(cursor)).toEqual({ boxId: box, eventId: event });
    expect(cursor).toHaveLength(46);
  });

  it.each([
    ['not ours', 'offset:3'],
    ['no version', encodeCursor({ boxId: box, eventId: event }).slice(2)],
    ['truncated', encodeCursor({ boxId: box, eventId: event }).slice(0, 30)],
    ['extended', `${encodeCursor({ boxId: box, eventId: event })}AA`],
    ['too long', `r1${'A'.repeat(200)}`],
    ['not base64url', 'r1!!!!'],
  ])('refuse a string that is %s', (_name, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
