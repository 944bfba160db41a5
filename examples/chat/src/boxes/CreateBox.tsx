// Creating a box, open to anyone who has its id (the demo's invitation link), and joining one by
// id. A real client generates the box key pair here and keeps the secret key; the demo sends a
// placeholder public key (it does not encrypt).
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors';
import { DEMO_PUBLIC_KEY } from '../message-text';
import { CreateBoxMutation, JoinBoxMutation, OpenBoxToLinkMutation } from './boxes-query';

export function CreateBox({ onCreated }: { onCreated(id: string): void }) {
  const [title, setTitle] = useState('');
  const [create, created] = useMutation(CreateBoxMutation, { refetchQueries: ['MyBoxes'] });
  const [open, opened] = useMutation(OpenBoxToLinkMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { title, publicKey: DEMO_PUBLIC_KEY } }).catch(
      () => null,
    );
    const id = result?.data?.createBox.id;
    if (!id) return;
    await open({ variables: { boxId: id } }).catch(() => null);
    setTitle('');
    onCreated(id);
  }
  const error = created.error ?? opened.error;
  return (
    <form className="side-form" onSubmit={submit}>
      <input
        aria-label="New box title"
        placeholder="New box title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <button type="submit" disabled={!title.trim() || created.loading}>
        Create box
      </button>
      {error && <p role="alert">{describeError(error)}</p>}
    </form>
  );
}

export function JoinBox({ onJoined }: { onJoined(id: string): void }) {
  const [boxId, setBoxId] = useState('');
  const [join, { error, loading }] = useMutation(JoinBoxMutation, { refetchQueries: ['MyBoxes'] });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await join({ variables: { boxId: boxId.trim() } }).catch(() => null);
    if (result?.data) {
      onJoined(boxId.trim().toLowerCase());
      setBoxId('');
    }
  }
  return (
    <form className="side-form" onSubmit={submit}>
      <input
        aria-label="Box id to join"
        placeholder="Box id to join"
        value={boxId}
        onChange={(e) => setBoxId(e.target.value)}
      />
      <button type="submit" disabled={!boxId.trim() || loading}>
        Join
      </button>
      {error && <p role="alert">{describeError(error)}</p>}
    </form>
  );
}
