// The tab the IDE opens on in embedded-emulator mode: a query over the demo data, signed in as
// alice. Only src/process/ (which serves the emulator) and tests import this file: createGateway
// never imports the emulator, it is handed the tab.
import { DEMO_BOX_IDS, DEMO_TOKENS } from '../../../emulator';
import type { IdeTab } from './ide-page';

export function demoIdeTab(): IdeTab {
  return {
    query: `# Demo data, signed in as alice (see Headers).
# Run with Ctrl-Enter or the play button.
query WelcomeBox {
  box(id: "${DEMO_BOX_IDS.welcome}") {
    eventsCount
    events(limit: 5) {
      __typename
      serverEventCreatedAt
      sender {
        displayName
      }
      ... on TextMessageEvent {
        encrypted
        lastEditedAt
      }
    }
  }
}
`,
    headers: { Authorization: `Bearer ${DEMO_TOKENS.alice}` },
  };
}
