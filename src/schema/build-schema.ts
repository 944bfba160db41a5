// The executable schema, built from the type-graphql classes. Built once per process: building
// is slow (every test file asks for it) and the result is immutable. Never emits a file:
// schema.graphql is written by `npm run schema:emit` only (style.md habit 12).
import { isInterfaceType, type GraphQLSchema } from 'graphql';
import {
  buildSchemaSync,
  getMetadataStorage,
  type ClassType,
  type NonEmptyArray,
} from 'type-graphql';
import { AccessResolver } from './access/access.resolver';
import { BoxConnectionResolver } from './box/box-connection.resolver';
import { BoxEventConnectionResolver } from './box/box-event-connection.resolver';
import { BoxStateResolver } from './box/box-state.resolver';
import { BoxResolver } from './box/box.resolver';
import { FileEventConnectionResolver } from './box/file-event-connection.resolver';
import { MemberResolver } from './box/member.resolver';
import { resolveBoxEventClass } from './event/box-event.interface';
import { BoxEventResolver } from './event/box-event.resolver';
import { ALL_EVENT_TYPES } from './event/event-types';
import { MessageResolver } from './event/message.resolver';
import { BoxEventsResolver } from './subscription/box-events.resolver';
import { BoxDetailsResolver } from './box/box-details.resolver';
import { BoxMutationsResolver } from './box/box-mutations.resolver';
import { MyBoxesResolver } from './box/my-boxes.resolver';
import { MeResolver } from './chat/me.resolver';
import { UploadFileResolver } from './upload/upload-file.resolver';
import { MyBoxesSubscriptionResolver } from './subscription/my-boxes.resolver';

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
  BoxEventsResolver,
  MeResolver,
  MyBoxesResolver,
  BoxDetailsResolver,
  BoxMutationsResolver,
  UploadFileResolver,
  MyBoxesSubscriptionResolver,
];

// type-graphql insists on a pubSub as soon as a Subscription exists, even when every one brings
// its own `subscribe` (ours come from src/realtime/); this one is never called.
const NO_PUB_SUB = {
  publish: () => {
    throw new Error('the gateway publishes nothing through type-graphql');
  },
  subscribe: () => {
    throw new Error('subscriptions bring their own subscribe (src/realtime/)');
  },
};

let built: GraphQLSchema | undefined;

export function buildGatewaySchema(): GraphQLSchema {
  if (!built) plainFieldsReadDirectly();
  built ??= synchronousResolveType(
    describeRootTypes(
      buildSchemaSync({
        resolvers: RESOLVERS,
        orphanedTypes: [...ALL_EVENT_TYPES],
        validate: false,
        emitSchemaFile: false,
        pubSub: NO_PUB_SUB,
      }),
    ),
  );
  return built;
}

// type-graphql gives every field without a @FieldResolver a resolver of its own that runs the
// middleware chain and returns root[name]. graphql-jit then calls it through its resolver path
// (a call, a promise check, error closures) for every field of every event: ~15 % of a 500-event
// page's CPU (bench/RESULTS.md). Such a field is a property read here, so every object type
// takes type-graphql's `simpleResolvers` (no resolver: graphql-jit inlines the read, graphql-js
// reads the property). @FieldResolver fields keep theirs. simpleResolvers skips middlewares and
// auth checks, so a field that has any, or a schema name other than its property, stops the
// build here rather than silently losing them.
function plainFieldsReadDirectly(): void {
  const storage = getMetadataStorage();
  // Middlewares and roles are attached to fields only inside buildSchemaSync: read their lists.
  const guarded = [...storage.middlewares, ...storage.authorizedFields];
  for (const field of storage.fields) {
    const extra = guarded.some((g) => g.target === field.target && g.fieldName === field.name);
    if (extra || field.schemaName !== field.name) {
      throw new Error(
        `${field.target.name}.${field.name} has middlewares, roles or a schema name of its own: plainFieldsReadDirectly would skip them`,
      );
    }
  }
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
}

// type-graphql has no option for the root types' descriptions, and every type gets one. They
// are set on the freshly built schema, before anything else can see it.
function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      "Live updates over WebSocket (/graphql) or SSE (/graphql/stream), bridged from the upstream's realtime socket.";
  }
  if (query) query.description = 'Reads: boxes and their events, fetched lazily field by field.';
  if (mutation) {
    mutation.description =
      'Writes: each mutation makes exactly one upstream call and returns the event it created.';
  }
  return schema;
}

// type-graphql wraps every resolveType in an async function (one promise per event). graphql-jit
// (src/execution/executor-plugin.ts) only takes a synchronous answer; graphql-js takes either. Same
// lookup, same error for a value that is no registered event class.
function synchronousResolveType(schema: GraphQLSchema): GraphQLSchema {
  const boxEvent = schema.getType('BoxEvent');
  if (!isInterfaceType(boxEvent)) throw new Error('the schema has no BoxEvent interface');
  const typeNames = new Map<unknown, string>(
    getMetadataStorage().objectTypes.map((type) => [type.target, type.name]),
  );
  boxEvent.resolveType = (value) => typeNames.get(resolveBoxEventClass(value));
  return schema;
}
