// Which change of the caller's box list each upstream socket message is (graphql-api.md §12.2),
// as a pure function: the integration test (my-boxes-subscription.test.ts) sees each over real
// sockets; this one pins the cases the emulator cannot easily produce (another identity's ack
// or settings echo, a malformed frame).
import { classify } from '../../src/realtime/box-list-changes';

const ME = 'b0b00000-0000-4000-8000-000000000002';
const OTHER = 'a11ce000-0000-4000-8000-000000000001';
const BOX = 'b0000000-0000-4000-8000-000000000001';
const event = (type: string, sender: string) => ({
  type: 'event.new',
  object: { type, box_id: BOX, id: 'e1', sender: { id: sender } },
});

it.each([
  ['a message by another member', event('msg.text', OTHER), 'NEW_EVENT'],
  ["the caller's own message", event('msg.text', ME), 'NEW_EVENT'],
  ['a box the caller created', event('create', ME), 'ADDED'],
  ['the caller joining', event('member.join', ME), 'ADDED'],
  ['another member joining', event('member.join', OTHER), 'NEW_EVENT'],
  ['the caller leaving', event('member.leave', ME), 'REMOVED'],
  ['the caller kicked', event('member.kick', ME), 'REMOVED'],
  ['another member kicked', event('member.kick', OTHER), 'NEW_EVENT'],
  ["the caller's ack", { type: 'ack', object: { box_id: BOX, sender_id: ME } }, 'READ'],
  [
    "the caller's settings",
    { type: 'box.settings', object: { identity_id: ME, box_id: BOX, muted: true } },
    'SETTINGS',
  ],
  ['a deletion', { type: 'box.delete', object: { id: BOX, sender_id: OTHER } }, 'DELETED'],
])('%s: %s', (_name, message, change) => {
  expect(classify(message, ME)).toEqual({ kind: 'change', boxId: BOX, change });
});

it.each([
  ["another identity's ack", { type: 'ack', object: { box_id: BOX, sender_id: OTHER } }],
  [
    "another identity's settings",
    { type: 'box.settings', object: { identity_id: OTHER, box_id: BOX, muted: true } },
  ],
  ['a notification', { type: 'notification', object: { id: 1, type: 'member.kick' } }],
  ['an ack without object', { type: 'ack', object: null }],
  ['an event without a box id', { type: 'event.new', object: { type: 'msg.text' } }],
])('%s: no update', (_name, message) => {
  expect(classify(message, ME)).toBeUndefined();
});
