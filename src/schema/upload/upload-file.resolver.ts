// Mutation.uploadFile (graphql-api.md §12): the file goes upstream as it arrives from the client
// (POST /boxes/:id/encrypted-files), and the msg.file event the upstream created comes back.
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GatewayContext } from '../../context';
import { checkBase64Url } from '../arguments';
import { FileMessageEvent } from '../event/event-types';
import { warnOnOdd } from '../event/map-events';
import { toBoxEvent } from '../event/to-box-event';
import { expectEvent, writeToBox } from '../event/write-events';
import { UUIDScalar, type Uuid } from '../scalars/uuid.scalar';
import type { IncomingUpload } from './incoming-upload';
import { UploadScalar } from './upload.scalar';

@Resolver((_of) => FileMessageEvent)
export class UploadFileResolver {
  @Mutation((_returns) => FileMessageEvent, {
    description: 'POST /boxes/{id}/encrypted-files, streamed: the msg.file event created.',
  })
  async uploadFile(
    @Arg('boxId', (_type) => UUIDScalar, { description: 'The box to send the file to.' })
    boxId: Uuid,
    @Arg('file', (_type) => UploadScalar, {
      description: 'The encrypted file (a multipart file part).',
    })
    file: IncomingUpload,
    @Arg('encrypted', { description: 'The encrypted file metadata (unpadded URL-safe base64).' })
    encrypted: string,
    @Arg('publicKey', { description: 'The public key the metadata is encrypted for.' })
    publicKey: string,
    @Ctx() ctx: GatewayContext,
  ): Promise<FileMessageEvent> {
    checkBase64Url('encrypted', encrypted);
    const dto = await writeToBox(ctx, boxId, () =>
      ctx.api.uploadFile(boxId, { encrypted, publicKey, file: file.read() }).catch((error) => {
        // The upload was aborted upstream because the file went over the limit: say that.
        throw file.failure ?? error;
      }),
    );
    return expectEvent(toBoxEvent(dto, warnOnOdd(ctx)), FileMessageEvent, 'msg.file');
  }
}
