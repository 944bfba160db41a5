// Posting a text message. The mutation answers with the new event (the timeline's own fields),
// which the update puts at the head of the cached timeline: it shows without a refetch.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors';
import { DEMO_PUBLIC_KEY, encodeMessage } from '../message-text';
import { addEventToTimeline } from '../timeline/timeline-cache';
import { PostTextMessageMutation } from './post-message';

export function Composer({ boxId }: { boxId: string }) {
  const [text, setText] = useState('');
  const [post, { loading, error }] = useMutation(PostTextMessageMutation, {
    update(cache, { data }) {
      if (data) addEventToTimeline(cache, boxId, data.postTextMessage);
    },
  });

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    const variables = { boxId, encrypted: encodeMessage(text), publicKey: DEMO_PUBLIC_KEY };
    const result = await post({ variables }).catch(() => null);
    if (result && !result.error) setText('');
  }

  return (
    <form className="composer" onSubmit={send}>
      <input
        aria-label="Message"
        placeholder="Write a message"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={loading || !text.trim()}>
        Send
      </button>
      {error && (
        <span className="composer-error" role="alert">
          {describeError(error)}
        </span>
      )}
    </form>
  );
}
