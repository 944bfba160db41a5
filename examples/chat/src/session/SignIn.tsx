// The demo sign-in: a token picker. A real client would run its identity provider's flow here.
import { DEMO_SIGN_INS } from '../demo';

export function SignIn({ token, onChange }: { token: string; onChange(token: string): void }) {
  return (
    <label className="user-picker">
      Signed in as{' '}
      <select aria-label="User" value={token} onChange={(event) => onChange(event.target.value)}>
        {DEMO_SIGN_INS.map((d) => (
          <option key={d.token} value={d.token}>
            {d.label} ({d.token})
          </option>
        ))}
      </select>
    </label>
  );
}
