// The signed-in session, for the few places that call the gateway outside Apollo (downloads).
import { createContext, useContext } from 'react';

export const SessionContext = createContext<{ token: string }>({ token: '' });

export const useSession = () => useContext(SessionContext);
