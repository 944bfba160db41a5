// What several test files ask of a running test gateway: post a message as a caller, wait until
// its upstream sockets are open or its subscriptions have caught up, read the first error of a
// refused subscription, read the operation log line. One copy each, used by every file.
import type { Emulator } from '../../emulator';
import type { MemoryLogger } from './memory-logger';
import type { Received } from './realtime-clients';
import type { TestGateway } from './start-test-gateway';
import { waitFor } from './wait-for';

const POST_TEXT = `mutation Post($boxId: UUID!, $text: String!) {
  postTextMessage(boxId: $boxId, encrypted: $text, publicKey: "pk") { id serverEventCreatedAt }
}`;

/** A text message posted through the gateway as `token`; fails the test on any error. */
export async function postText(
  t: TestGateway,
  token: string,
  boxId: string,
  text: string,
): Promise<{ id: string; serverEventCreatedAt: string }> {
  const response = await t.gql(POST_TEXT, { boxId, text }, { token });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.postTextMessage;
}

/** Until the emulator counts exactly `count` open upstream sockets. */
export function waitForSockets(
  t: { emulator: Emulator },
  count: number,
  timeoutMs = 20_000,
): Promise<void> {
  return waitFor(
    `${count} open upstream sockets`,
    () => t.emulator.openSockets() === count,
    timeoutMs,
  );
}

/**
 * The catch-up reads the emulator received (GET …/events?limit=100, of `boxId` if given): a
 * subscription makes one per box once its upstream socket is open, after its REST check.
 */
export function catchUpReads(t: { emulator: Emulator }, boxId?: string): number {
  return t.emulator.requests.filter(
    (r) =>
      r.method === 'GET' &&
      r.query.limit === '100' &&
      r.path.endsWith('/events') &&
      (boxId === undefined || r.path === `/boxes/${boxId}/events`),
  ).length;
}

/** The coded error of a subscription that failed before or at its start (and its only one). */
export async function firstError(
  received: Received,
): Promise<{ message: string; extensions: Record<string, unknown> }> {
  await received.untilDone();
  const errors = received.results[0]?.errors ?? (received.error as unknown[]);
  expect(errors).toHaveLength(1);
  return errors[0] as { message: string; extensions: Record<string, unknown> };
}

/** Every "graphql operation" log line, in order (written before the response is sent). */
export function operationLines(logs: MemoryLogger): Array<Record<string, unknown>> {
  return logs.entries().filter((entry) => entry.msg === 'graphql operation');
}

/** The operation log line of the last operation; fails the test if none was logged. */
export function lastOperationLine(logs: MemoryLogger): Record<string, unknown> {
  const lines = operationLines(logs);
  expect(lines.length).toBeGreaterThan(0);
  return lines[lines.length - 1];
}
