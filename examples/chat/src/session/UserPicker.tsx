// Signing in, for the demo: the emulator's fixed bearer tokens stand for a real sign-in flow.
import { DEMO_USERS, type DemoUser } from '../demo';

export function UserPicker({ user, onChange }: { user: DemoUser; onChange(user: DemoUser): void }) {
  return (
    <label className="user-picker">
      Signed in as{' '}
      <select
        aria-label="User"
        value={user.token}
        onChange={(event) => onChange(DEMO_USERS.find((u) => u.token === event.target.value)!)}
      >
        {DEMO_USERS.map((u) => (
          <option key={u.token} value={u.token}>
            {u.name} ({u.token})
          </option>
        ))}
      </select>
    </label>
  );
}
