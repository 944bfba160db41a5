// Edit and delete, offered on one's own text messages. Each mutation writes its outcome into the
// cached message (timeline-cache.ts), so the timeline changes without refetching.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors';
import { DEMO_PUBLIC_KEY, encodeMessage } from '../message-text';
import { DeleteMessageMutation, EditTextMessageMutation } from './message-mutations';
import { applyDeletion, applyEdit } from './timeline-cache';

interface Props {
  boxId: string;
  messageId: string;
  text: string;
}

export function MessageActions({ boxId, messageId, text }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const [edit, editState] = useMutation(EditTextMessageMutation, {
    update(cache, { data }) {
      if (data) applyEdit(cache, messageId, data.editTextMessage);
    },
  });
  const [remove, removeState] = useMutation(DeleteMessageMutation, {
    update(cache, { data }) {
      if (data)
        applyDeletion(cache, { __typename: 'TextMessageEvent', id: messageId }, data.deleteMessage);
    },
  });
  const error = editState.error ?? removeState.error;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft?.trim()) return;
    const variables = {
      boxId,
      messageId,
      newEncrypted: encodeMessage(draft),
      newPublicKey: DEMO_PUBLIC_KEY,
    };
    const result = await edit({ variables }).catch(() => null);
    if (result && !result.error) setDraft(null);
  }

  if (draft !== null) {
    return (
      <form className="message-actions" onSubmit={save}>
        <input
          aria-label="Edited message"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoFocus
        />
        <button type="submit" disabled={editState.loading}>
          Save
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
        {error && <span role="alert">{describeError(error)}</span>}
      </form>
    );
  }
  return (
    <div className="message-actions">
      <button type="button" onClick={() => setDraft(text)}>
        Edit
      </button>
      <button
        type="button"
        disabled={removeState.loading}
        onClick={() => void remove({ variables: { boxId, messageId } }).catch(() => undefined)}
      >
        Delete
      </button>
      {error && <span role="alert">{describeError(error)}</span>}
    </div>
  );
}
