/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Boxes($ids: [UUID!]!) {\n    boxes(ids: $ids) {\n      id\n      eventsCount\n    }\n  }\n": typeof types.BoxesDocument,
    "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": typeof types.PostTextMessageDocument,
    "\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n": typeof types.TimelineUpdatesDocument,
    "\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n": typeof types.EditTextMessageDocument,
    "\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}": typeof types.DeletionFragmentDoc,
    "\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.TimelineDocument,
};
const documents: Documents = {
    "\n  query Boxes($ids: [UUID!]!) {\n    boxes(ids: $ids) {\n      id\n      eventsCount\n    }\n  }\n": types.BoxesDocument,
    "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": types.PostTextMessageDocument,
    "\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n": types.TimelineUpdatesDocument,
    "\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n": types.EditTextMessageDocument,
    "\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": types.DeleteMessageDocument,
    "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}": types.DeletionFragmentDoc,
    "\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.TimelineDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Boxes($ids: [UUID!]!) {\n    boxes(ids: $ids) {\n      id\n      eventsCount\n    }\n  }\n"): (typeof documents)["\n  query Boxes($ids: [UUID!]!) {\n    boxes(ids: $ids) {\n      id\n      eventsCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"): (typeof documents)["\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n"): (typeof documents)["\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}"): (typeof documents)["fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;