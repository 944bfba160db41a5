// "reconnecting…" while the realtime link is down, so a timeline that is not live never looks
// live; gone once the link is back (the resumed subscription then brings what was missed).
import { useConnectionStatus, type ConnectionStatus } from '../apollo/connection-status';

export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const state = useConnectionStatus(status);
  if (state !== 'reconnecting') return null;
  return (
    <p className="connection-banner" role="status" data-testid="connection-status">
      reconnecting…
    </p>
  );
}
