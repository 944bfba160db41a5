// One event of the timeline: what it says depends on its concrete type (the BoxEvent interface's
// implementations, told apart by __typename thanks to possibleTypes).
import type { TimelineEventFragment } from '../gql/graphql';
import { decodeMessage } from '../message-text';
import { useSession } from '../session/session';
import { downloadFile } from './download-file';
import { MessageActions } from './MessageActions';
import { useState } from 'react';

interface Props {
  boxId: string;
  event: TimelineEventFragment;
  viewerId: string;
}

export function EventItem({ boxId, event, viewerId }: Props) {
  const mine = event.sender.id === viewerId;
  const isText = event.__typename === 'TextMessageEvent';
  const editable = isText && mine && !event.deletion;
  return (
    <li
      className={`event ${isText ? 'message' : 'notice'} ${mine ? 'mine' : ''}`}
      data-testid="event"
      data-event-id={event.id}
    >
      <div className="event-meta">
        <span className="sender">{event.sender.displayName}</span>{' '}
        <time dateTime={event.serverEventCreatedAt}>{formatTime(event.serverEventCreatedAt)}</time>
        {isText && event.lastEditedAt && !event.deletion && (
          <span className="edited"> (edited)</span>
        )}
      </div>
      <div className="event-body">{describe(event)}</div>
      {event.__typename === 'FileMessageEvent' && event.downloadPath && (
        <FileDownload path={event.downloadPath} name={fileName(event.encrypted)} />
      )}
      {editable && event.encrypted && (
        <MessageActions
          boxId={boxId}
          messageId={event.id}
          text={decodeMessage(event.encrypted) ?? ''}
        />
      )}
    </li>
  );
}

function describe(event: TimelineEventFragment): string {
  switch (event.__typename) {
    case 'TextMessageEvent':
      if (event.deletion) return `Message deleted by ${event.deletion.deletedBy.displayName}`;
      return event.encrypted ? (decodeMessage(event.encrypted) ?? '(encrypted message)') : '';
    case 'FileMessageEvent':
      if (event.deletion) return `File deleted by ${event.deletion.deletedBy.displayName}`;
      return `Shared a file: ${fileName(event.encrypted)}${event.isSaved ? ' (saved)' : ''}`;
    case 'BoxCreatedEvent':
      return `Created the box “${event.title}”`;
    case 'MemberJoinEvent':
      return 'Joined the box';
    case 'MemberLeaveEvent':
      return 'Left the box';
    case 'MemberKickEvent':
      return event.kicker ? `Was removed by ${event.kicker.displayName}` : 'Was removed';
    case 'AccessModeChangedEvent':
      return `Made the box ${event.accessMode.toLowerCase()}`;
    case 'KeyShareChangedEvent':
      return 'Changed the key share';
    default:
      return `Event ${event.type}`;
  }
}

/** The file's name travels in the message's `encrypted` metadata (plain in the demo). */
function fileName(encrypted: string | null): string {
  return (encrypted && decodeMessage(encrypted)) || 'file';
}

function FileDownload({ path, name }: { path: string; name: string }) {
  const { token } = useSession();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="file-download">
      <button
        type="button"
        onClick={() =>
          void downloadFile(path, token, name).then(
            () => setError(null),
            (e: Error) => setError(e.message),
          )
        }
      >
        Download
      </button>
      {error && <span role="alert">{error}</span>}
    </div>
  );
}

function formatTime(dateTime: string): string {
  return new Date(dateTime).toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
}
