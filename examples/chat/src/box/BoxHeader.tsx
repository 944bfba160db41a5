// The open box: its title, its id (what another user pastes to join a box open to its link),
// the mute switch and the members.
import { useMutation, useQuery } from '@apollo/client/react';
import { describeError } from '../errors';
import { BoxDetailsQuery, SetBoxMutedMutation } from './box-queries';

export function BoxHeader({ boxId }: { boxId: string }) {
  const { data, error } = useQuery(BoxDetailsQuery, {
    variables: { boxId },
    errorPolicy: 'all',
  });
  const [setMuted, muting] = useMutation(SetBoxMutedMutation);
  const box = data?.box;
  return (
    <header className="box-header">
      <h2 data-testid="box-title">{box?.title ?? '…'}</h2>
      <code className="box-id" aria-label="Box id">
        {boxId}
      </code>
      {box && (
        <label>
          <input
            type="checkbox"
            aria-label="Muted"
            checked={box.muted ?? false}
            disabled={muting.loading}
            onChange={(e) => {
              const muted = e.target.checked;
              // Shown at once; the answer (or an error) settles it.
              void setMuted({
                variables: { boxId, muted },
                optimisticResponse: {
                  __typename: 'Mutation',
                  setBoxMuted: { __typename: 'Box', id: boxId, muted },
                },
              }).catch(() => {});
            }}
          />{' '}
          Muted
        </label>
      )}
      {box?.members && (
        <ul className="members" aria-label="Members">
          {box.members.map((member) => (
            <li key={member.id}>{member.displayName}</li>
          ))}
        </ul>
      )}
      {(error ?? muting.error) && <p role="alert">{describeError(error ?? muting.error)}</p>}
    </header>
  );
}
