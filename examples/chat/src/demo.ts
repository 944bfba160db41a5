// Signing in, for the demo: the embedded emulator's bearer tokens stand for a real sign-in flow
// (docs/emulator.md#demo-data). Nothing else about the users or their boxes is written here: who the
// token belongs to comes from `me`, the boxes from `myBoxes`.

export interface DemoSignIn {
  label: string;
  token: string;
}

export const DEMO_SIGN_INS: readonly DemoSignIn[] = [
  { label: 'Alice', token: 'demo-alice' },
  { label: 'Bob', token: 'demo-bob-acr2' },
  { label: 'Eve', token: 'demo-eve-acr2' },
  { label: 'Bob, ACR 1 (no box list without a step-up)', token: 'demo-bob' },
];
