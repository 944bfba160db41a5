// Marking the open box read while its newest event is on screen (the list scrolled to the
// bottom), as the real client does: whenever the box has unread events and the reader sees the
// newest one. markBoxRead answers with the box's unreadCount (0), which clears the sidebar's
// badge through the normalised cache.
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { BoxDetailsQuery, MarkBoxReadMutation } from './box-queries';

export function useMarkReadAtBottom(boxId: string, atBottom: boolean): void {
  const [markRead, { loading }] = useMutation(MarkBoxReadMutation);
  const { data } = useQuery(BoxDetailsQuery, { variables: { boxId }, fetchPolicy: 'cache-only' });
  const unread = data?.box.unreadCount ?? 0;
  useEffect(() => {
    if (atBottom && unread > 0 && !loading && document.visibilityState === 'visible') {
      void markRead({ variables: { boxId } }).catch(() => {});
    }
  }, [atBottom, unread, loading, boxId, markRead]);
}
