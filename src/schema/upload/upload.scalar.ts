import { GraphQLScalarType } from 'graphql';
import { IncomingUpload } from './incoming-upload';

const NOT_A_FILE =
  'Upload takes a file part of a multipart request (the GraphQL multipart request spec), sent to POST /graphql';

/** The GraphQL multipart request spec's scalar: only a variable mapped to a file part is one. */
export const UploadScalar = new GraphQLScalarType<IncomingUpload, never>({
  name: 'Upload',
  description:
    'A file sent as a part of a multipart request (the GraphQL multipart request spec, as apollo-upload-client sends it).',
  parseValue(value) {
    if (value instanceof IncomingUpload) return value;
    throw new TypeError(NOT_A_FILE);
  },
  parseLiteral() {
    throw new TypeError(NOT_A_FILE);
  },
  serialize() {
    throw new TypeError('Upload is an input type only');
  },
});
