// The sidebar: myBoxes with each box's unread badge and last message, kept live by the myBoxes
// subscription. Badges and muted states change in the cache by themselves (the update carries
// the box); a new event, a box added or removed, or a gap refetches the list (one upstream GET),
// since its order or its set changed.
import { useQuery, useSubscription } from '@apollo/client/react';
import { describeError } from '../errors';
import { decodeMessage } from '../message-text';
import { MyBoxesQuery, MyBoxesUpdatesSubscription } from './boxes-query';
import type { BoxRowFragment } from '../gql/graphql';

const LIST_SIZE = 50;

export function BoxList({
  viewerId,
  selectedId,
  onSelect,
}: {
  viewerId: string;
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const { data, error, refetch } = useQuery(MyBoxesQuery, { variables: { first: LIST_SIZE } });
  useSubscription(MyBoxesUpdatesSubscription, {
    variables: { identityId: viewerId },
    onData({ client, data: update }) {
      const { change, boxId } = update.data?.myBoxes ?? {};
      // The open box's timeline follows boxEvents; another box's cached timeline is now stale,
      // so it is dropped and read afresh when that box is opened.
      if (change === 'NEW_EVENT' && boxId && boxId !== selectedId) {
        client.cache.evict({
          id: client.cache.identify({ __typename: 'Box', id: boxId }),
          fieldName: 'eventsConnection',
        });
      }
      if (change && change !== 'READ' && change !== 'SETTINGS') void refetch().catch(() => {});
    },
  });
  const boxes = data?.myBoxes?.nodes ?? [];
  if (!selectedId && boxes[0]) queueMicrotask(() => onSelect(boxes[0]!.id));
  return (
    <nav className="box-list" aria-label="Boxes">
      {error && (
        <p role="alert" className="box-list-error">
          {describeError(error)}
        </p>
      )}
      {boxes.map((box) => (
        <button
          key={box.id}
          type="button"
          className="box"
          aria-current={box.id === selectedId}
          onClick={() => onSelect(box.id)}
        >
          <span className="box-title">
            {box.title}
            {box.muted && <span className="box-muted"> (muted)</span>}
          </span>
          <span className="box-last">{lastLine(box)}</span>
          {(box.unreadCount ?? 0) > 0 && (
            <span className="box-unread" data-testid="unread" aria-label="unread">
              {box.unreadCount}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}

function lastLine(box: BoxRowFragment): string {
  const event = box.lastEvent;
  if (!event) return '';
  const who = event.sender.displayName;
  if (event.__typename === 'TextMessageEvent' && event.encrypted) {
    return `${who}: ${decodeMessage(event.encrypted) ?? '(encrypted)'}`;
  }
  if (event.__typename === 'FileMessageEvent') return `${who}: sent a file`;
  return `${who}: ${event.type}`;
}
