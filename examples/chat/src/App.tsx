import { ApolloProvider } from '@apollo/client/react';
import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { createClient } from './apollo/client';
import { BoxHeader } from './box/BoxHeader';
import { useMarkReadAtBottom } from './box/mark-read';
import { createConnectionStatus } from './apollo/connection-status';
import { ConnectionBanner } from './session/ConnectionBanner';
import { BoxList } from './boxes/BoxList';
import { CreateBox, JoinBox } from './boxes/CreateBox';
import { Composer } from './composer/Composer';
import { DEMO_SIGN_INS } from './demo';
import { describeError } from './errors';
import { MeQuery } from './session/me-query';
import { SessionContext } from './session/session';
import { SignIn } from './session/SignIn';
import { Timeline } from './timeline/Timeline';

export function App() {
  const [token, setToken] = useState(DEMO_SIGN_INS[0]!.token);
  // A new client (and so an empty cache) per user: nothing one user read shows for the other.
  const status = useMemo(() => createConnectionStatus(), [token]);
  const client = useMemo(() => createClient(token, status), [token, status]);
  return (
    <ApolloProvider client={client}>
      <SessionContext.Provider value={{ token }}>
        <div className="app">
          <header className="app-header">
            <h1>Box events chat</h1>
            <p className="no-encryption" role="note">
              Demo client: it does not encrypt. Messages and files travel and are stored as sent; a
              real client encrypts them with the box key before they leave the page.
            </p>
            <SignIn token={token} onChange={setToken} />
            <ConnectionBanner status={status} />
          </header>
          <Session key={token} />
        </div>
      </SessionContext.Provider>
    </ApolloProvider>
  );
}

/** Everything below depends on who the token is: `me` first. */
function Session() {
  const { data, error } = useQuery(MeQuery);
  const [boxId, setBoxId] = useState<string | null>(null);
  if (error) return <p role="alert">{describeError(error)}</p>;
  if (!data) return <p className="timeline-status">Signing in…</p>;
  const viewerId = data.me.identityId;
  return (
    <>
      <aside className="sidebar">
        <BoxList viewerId={viewerId} selectedId={boxId} onSelect={setBoxId} />
        <CreateBox onCreated={setBoxId} />
        <JoinBox onJoined={setBoxId} />
      </aside>
      <main className="conversation">
        {boxId ? (
          <Conversation key={boxId} boxId={boxId} viewerId={viewerId} />
        ) : (
          <p className="timeline-status">No box yet: create one.</p>
        )}
      </main>
    </>
  );
}

function Conversation({ boxId, viewerId }: { boxId: string; viewerId: string }) {
  const [atBottom, setAtBottom] = useState(false);
  const onAtBottom = useCallback((value: boolean) => setAtBottom(value), []);
  useMarkReadAtBottom(boxId, atBottom);
  return (
    <>
      <BoxHeader boxId={boxId} />
      <Timeline boxId={boxId} viewerId={viewerId} onAtBottom={onAtBottom} />
      <Composer boxId={boxId} />
    </>
  );
}
