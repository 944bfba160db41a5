// The executable schema, built from the type-graphql classes. Built once per process: building
// is slow (every test file asks for it) and the result is immutable. Never emits a file:
// schema.graphql is written by `npm run schema:emit` only (style.md habit 12).
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, type ClassType, type NonEmptyArray } from 'type-graphql';
import { AccessResolver } from './access/access.resolver';
import { BoxConnectionResolver } from './box/box-connection.resolver';
import { BoxEventConnectionResolver } from './box/box-event-connection.resolver';
import { BoxStateResolver } from './box/box-state.resolver';
import { BoxResolver } from './box/box.resolver';
import { FileEventConnectionResolver } from './box/file-event-connection.resolver';
import { MemberResolver } from './box/member.resolver';
import { BoxEventResolver } from './event/box-event.resolver';
import { ALL_EVENT_TYPES } from './event/event-types';
import { MessageResolver } from './event/message.resolver';

export const RESOLVERS: NonEmptyArray<ClassType> = [
  BoxResolver,
  BoxConnectionResolver,
  BoxEventConnectionResolver,
  FileEventConnectionResolver,
  MessageResolver,
  MemberResolver,
  BoxStateResolver,
  AccessResolver,
  BoxEventResolver,
];

let built: GraphQLSchema | undefined;

export function buildGatewaySchema(): GraphQLSchema {
  built ??= describeRootTypes(
    buildSchemaSync({
      resolvers: RESOLVERS,
      orphanedTypes: [...ALL_EVENT_TYPES],
      validate: false,
      emitSchemaFile: false,
    }),
  );
  return built;
}

// type-graphql has no option for the root types' descriptions, and every type gets one. They
// are set on the freshly built schema, before anything else can see it.
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'Reads: boxes and their events, fetched lazily field by field.';
  if (mutation) {
    mutation.description =
      'Writes: each mutation makes exactly one upstream call and returns the event it created.';
  }
  return schema;
}
