// A box's events, newest at the bottom like any chat; scrolling up to the oldest loaded event
// fetches the page before it (infinite scroll), merged into one list by the cache's type policy.
// New events, edits and deletions by anyone arrive live (live-updates.ts).
import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { describeError } from '../errors';
import { EventItem } from './EventItem';
import { useLiveUpdates } from './live-updates';
import { PAGE_SIZE, TimelineQuery } from './timeline-query';

export function Timeline({
  boxId,
  viewerId,
  onAtBottom,
}: {
  boxId: string;
  viewerId: string;
  /** Told whether the newest event is in view (the list scrolled to the bottom). */
  onAtBottom?(atBottom: boolean): void;
}) {
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(TimelineQuery, {
    variables: { boxId, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  useLiveUpdates(boxId, viewerId, () => void refetch().catch(() => undefined));
  const list = useRef<HTMLOListElement>(null);
  const top = useRef<HTMLLIElement>(null);
  const bottom = useRef<HTMLLIElement>(null);
  const connection = data?.box.eventsConnection;
  const endCursor = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  const fetchingMore = networkStatus === NetworkStatus.fetchMore;

  useEffect(() => {
    if (!endCursor || fetchingMore || !list.current || !top.current) return;
    // A new observer per page: it reports at once when the top is already in view (a short
    // page), so the list keeps filling until it can scroll.
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (!entry.isIntersecting) return;
        observer.disconnect();
        void fetchMore({ variables: { after: endCursor } });
      },
      { root: list.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(top.current);
    return () => observer.disconnect();
  }, [endCursor, fetchingMore, fetchMore]);

  const shown = Boolean(data?.box.eventsConnection);
  useEffect(() => {
    if (!onAtBottom || !list.current || !bottom.current) return;
    const observer = new IntersectionObserver(([entry]) => onAtBottom(entry.isIntersecting), {
      root: list.current,
    });
    observer.observe(bottom.current);
    return () => observer.disconnect();
  }, [onAtBottom, shown]);

  if (error) {
    // An upstream fault (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT…) is worth retrying; a
    // FORBIDDEN will say the same again, which is still an answer.
    return (
      <div className="timeline-error">
        <p role="alert">{describeError(error)}</p>
        <button type="button" onClick={() => void refetch().catch(() => undefined)}>
          Retry
        </button>
      </div>
    );
  }
  if (!connection) return <p className="timeline-status">Loading…</p>;
  return (
    // column-reverse: the list starts scrolled to its newest event, and older pages added at the
    // end of the DOM grow upwards without moving what the reader is looking at.
    <ol className="timeline" ref={list} data-testid="timeline">
      <li ref={bottom} className="timeline-bottom" aria-hidden="true" />
      {connection.nodes.map((event) => (
        <EventItem key={event.id} boxId={boxId} event={event} viewerId={viewerId} />
      ))}
      <li ref={top} className="timeline-status">
        {endCursor ? 'Loading older events…' : 'Start of the box'}
      </li>
    </ol>
  );
}
