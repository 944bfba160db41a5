// Posting a text message. The mutation answers with the new event (the timeline's own fields),
// which the update puts at the head of the cached timeline: it shows without a refetch.
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../errors';
import { DEMO_PUBLIC_KEY, encodeMessage } from '../message-text';
import { addEventToTimeline } from '../timeline/timeline-cache';
import { PostTextMessageMutation, UploadFileMutation } from './post-message';

export function Composer({ boxId }: { boxId: string }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [post, posting] = useMutation(PostTextMessageMutation, {
    update(cache, { data }) {
      if (data) addEventToTimeline(cache, boxId, data.postTextMessage);
    },
  });
  // The file goes as a multipart request (apollo-upload-client), streamed by the gateway.
  const [upload, uploading] = useMutation(UploadFileMutation, {
    update(cache, { data }) {
      if (data) addEventToTimeline(cache, boxId, data.uploadFile);
    },
  });
  const loading = posting.loading || uploading.loading;
  const error = posting.error ?? uploading.error;

  async function send(event: FormEvent) {
    event.preventDefault();
    if (file) {
      // A real client encrypts the file and its metadata with the box key first; the demo sends
      // the bytes as they are and the file name as the "encrypted" metadata.
      const variables = {
        boxId,
        file,
        encrypted: encodeMessage(file.name),
        publicKey: DEMO_PUBLIC_KEY,
      };
      const result = await upload({ variables }).catch(() => null);
      if (result && !result.error) setFile(null);
      return;
    }
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
      <input
        type="file"
        aria-label="File"
        key={file ? 'chosen' : 'empty'}
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <button type="submit" disabled={loading || (!text.trim() && !file)}>
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
