import { ApolloProvider } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { createClient } from './apollo/client';
import { createConnectionStatus } from './apollo/connection-status';
import { ConnectionBanner } from './session/ConnectionBanner';
import { BoxList } from './boxes/BoxList';
import { Composer } from './composer/Composer';
import { DEMO_BOXES, DEMO_USERS } from './demo';
import { UserPicker } from './session/UserPicker';
import { Timeline } from './timeline/Timeline';

export function App() {
  const [user, setUser] = useState(DEMO_USERS[0]);
  const [boxId, setBoxId] = useState(DEMO_BOXES[0].id);
  // A new client (and so an empty cache) per user: nothing one user read shows for the other.
  const status = useMemo(() => createConnectionStatus(), [user.token]);
  const client = useMemo(() => createClient(user.token, status), [user.token, status]);
  return (
    <ApolloProvider client={client}>
      <div className="app">
        <header className="app-header">
          <h1>Box events chat</h1>
          <UserPicker user={user} onChange={setUser} />
          <ConnectionBanner status={status} />
        </header>
        <BoxList selectedId={boxId} onSelect={setBoxId} />
        <main className="conversation">
          <Timeline key={`${user.token} ${boxId}`} boxId={boxId} viewerId={user.identityId} />
          <Composer boxId={boxId} />
        </main>
      </div>
    </ApolloProvider>
  );
}
