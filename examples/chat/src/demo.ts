// The embedded emulator's fixed demo data (docs/emulator.md#demo-data). The API has no "who am I"
// or "my boxes" query and a Box has no title field, so a demo client names them itself.

export interface DemoUser {
  name: string;
  token: string;
  /** The identity id the gateway reports as `sender.id`: how the page knows which messages are yours. */
  identityId: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'Alice', token: 'demo-alice', identityId: 'a11ce000-0000-4000-8000-000000000001' },
  { name: 'Bob', token: 'demo-bob', identityId: 'b0b00000-0000-4000-8000-000000000002' },
];

export interface DemoBox {
  id: string;
  title: string;
}

export const DEMO_BOXES: readonly DemoBox[] = [
  { id: 'b0000000-0000-4000-8000-000000000001', title: 'Welcome' },
  { id: 'b0000000-0000-4000-8000-000000000002', title: 'Archive' },
  { id: 'b0000000-0000-4000-8000-000000000003', title: 'Closed circle' },
];
