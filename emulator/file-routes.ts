// Files (upstream-api.md §13.7): the upload that creates a msg.file event, atomically with its
// blob (D8), and the download with the upstream's access rule.
import { badRequest, forbidden, notFound, notMember, type Details } from './errors';
import type { HandlerInput } from './route-types';
import { isMember, type Identity, type StoredEvent, type Store } from './store';
import { readUpload } from './upload-request';
import { isUuidV4 } from './validation';
import { isDeletedMessage, writtenView } from './views';

export async function uploadFile(input: HandlerInput, caller: Identity): Promise<unknown> {
  const { store, pathId: boxId } = input;
  const contentType = input.req.headers['content-type'] ?? '';
  const upload = await readUpload(
    input.body as NonNullable<HandlerInput['body']>,
    contentType,
    boxId,
    input.settings.maxUploadBytes,
  );
  const box = store.boxes.get(boxId);
  // An unknown box fails the membership check first (§13.7 "Then" step 1).
  if (!box || !isMember(box, caller.id)) throw notMember();
  const fileId = store.files.newId();
  const event = store.transaction(() => {
    const written = store.append({
      boxId,
      type: 'msg.file',
      senderId: caller.id,
      content: {
        encrypted: upload.encrypted,
        public_key: upload.publicKey,
        encrypted_file_id: fileId,
        is_saved: false,
      },
      referrerId: null,
    });
    store.files.add(fileId, written.id, upload.file.bytes);
    return written;
  });
  return writtenView(store, event);
}

/** The msg.file events still naming the file and not deleted: D9's "the blob is still there". */
function liveEvents(store: Store, eventIds: Iterable<string>): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const id of eventIds) {
    const event = store.event(id);
    if (event && !isDeletedMessage(store, event)) out.push(event);
  }
  return out;
}

/**
 * §13.7 download: the id (key `file_id`), then existence (404 before 403, D11), then access: a
 * current member of a box holding a msg.file that names it, deleted or not, or who saved it.
 */
export function downloadFile(store: Store, fileId: string, caller: Identity): Buffer {
  if (!isUuidV4(fileId)) {
    const details: Details = { file_id: fileId === '' ? 'required' : 'malformed' };
    throw badRequest('fileID: must be a valid UUID v4.', details);
  }
  const file = store.files.get(fileId);
  if (!file || liveEvents(store, file.eventIds).length === 0) {
    throw notFound('finding msg.file event', { id: 'not_found' });
  }
  const allowed =
    store.isSaved(caller.id, fileId) ||
    [...file.eventIds].some((id) => {
      const box = store.boxes.get(store.event(id)?.boxId ?? '');
      return box !== undefined && isMember(box, caller.id);
    });
  if (!allowed) throw forbidden('');
  return file.bytes;
}
