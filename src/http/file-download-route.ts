// GET /files/{encryptedFileId} (graphql-api.md §12.2): the encrypted bytes of a file message,
// streamed from GET /encrypted-files/:id with the caller's credentials (bearer or cookies, as
// for GraphQL), never buffered. Private: no caching, no CORS grant. An upstream refusal answers
// with its status and a JSON body carrying the code of §5, like any GraphQL error.
import type { FastifyInstance } from 'fastify';
import { readCredentials } from '../auth/credentials';
import { GatewayError, UnauthenticatedError } from '../errors/gateway-errors';
import { toGraphQLError } from '../errors/to-graphql-error';
import type { Logger } from '../logger';
import { asUuid } from '../schema/scalars/uuid.scalar';
import { callAs, DOWNLOAD } from '../upstream/chat-api';
import type { UpstreamClient } from '../upstream/upstream-client';
import { UpstreamError, UpstreamHttpError } from '../upstream/upstream-errors';
import { sendHttpError, type HttpErrorOptions } from './error-handler';

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  STEP_UP_REQUIRED: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  UPSTREAM_TIMEOUT: 504,
};

export function registerFileDownloads(
  app: FastifyInstance,
  options: HttpErrorOptions & { client: UpstreamClient; logger: Logger },
): void {
  app.get<{ Params: { encryptedFileId: string } }>(
    '/files/:encryptedFileId',
    async (request, reply) => {
      const fail = (status: number, error: GatewayError) => {
        const { code: _code, ...extensions } = error.extensions;
        return sendHttpError(options, reply, status, {
          code: error.errorCode,
          message: error.message,
          extensions,
        });
      };
      const fileId = asUuid(request.params.encryptedFileId);
      if (fileId === null) {
        return fail(
          400,
          new GatewayError('BAD_USER_INPUT', 'encryptedFileId must be a UUID', {
            extensions: { fields: { encryptedFileId: 'must be a UUID' } },
          }),
        );
      }
      const credentials = readCredentials(request.headers);
      if (credentials === null || credentials.kind === 'rejected') {
        return fail(401, new UnauthenticatedError());
      }
      try {
        const download = await callAs(options.client, credentials)(
          'GET',
          DOWNLOAD,
          { id: fileId },
          {
            streamResponse: true,
          },
        );
        const length = download.headers['content-length'];
        reply
          .header('content-type', 'application/octet-stream')
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff');
        if (typeof length === 'string' && /^\d+$/.test(length))
          reply.header('content-length', length);
        return reply.send(download.stream);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        const mapped = toGraphQLError(error);
        const status =
          error instanceof UpstreamHttpError && error.status < 500
            ? error.status
            : (STATUS_BY_CODE[mapped.errorCode] ?? 502);
        return fail(status, mapped);
      }
    },
  );
}
