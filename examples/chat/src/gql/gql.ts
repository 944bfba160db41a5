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
    "\n  query BoxDetails($boxId: UUID!) {\n    box(id: $boxId) {\n      id\n      title\n      muted\n      unreadCount\n      members {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.BoxDetailsDocument,
    "\n  mutation SetBoxMuted($boxId: UUID!, $muted: Boolean!) {\n    setBoxMuted(boxId: $boxId, muted: $muted) {\n      id\n      muted\n    }\n  }\n": typeof types.SetBoxMutedDocument,
    "\n  mutation MarkBoxRead($boxId: UUID!) {\n    markBoxRead(boxId: $boxId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkBoxReadDocument,
    "\n  query MyBoxes($first: Int!) {\n    myBoxes(first: $first) {\n      nodes {\n        ...BoxRow\n      }\n    }\n  }\n": typeof types.MyBoxesDocument,
    "\n  fragment BoxRow on Box {\n    id\n    title\n    unreadCount\n    muted\n    lastEvent {\n      id\n      type\n      sender {\n        id\n        displayName\n      }\n      ... on TextMessageEvent {\n        encrypted\n      }\n    }\n  }\n": typeof types.BoxRowFragmentDoc,
    "\n  subscription MyBoxesUpdates($identityId: UUID!) {\n    myBoxes(identityId: $identityId) {\n      boxId\n      change\n      box {\n        ...BoxRow\n      }\n    }\n  }\n": typeof types.MyBoxesUpdatesDocument,
    "\n  mutation CreateBox($title: String!, $publicKey: String!) {\n    createBox(title: $title, publicKey: $publicKey) {\n      ...BoxRow\n    }\n  }\n": typeof types.CreateBoxDocument,
    "\n  mutation OpenBoxToLink($boxId: UUID!) {\n    setBoxAccessMode(boxId: $boxId, mode: PUBLIC) {\n      id\n    }\n  }\n": typeof types.OpenBoxToLinkDocument,
    "\n  mutation JoinBox($boxId: UUID!) {\n    joinBox(boxId: $boxId) {\n      id\n    }\n  }\n": typeof types.JoinBoxDocument,
    "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": typeof types.PostTextMessageDocument,
    "\n  mutation UploadFile($boxId: UUID!, $file: Upload!, $encrypted: String!, $publicKey: String!) {\n    uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": typeof types.UploadFileDocument,
    "\n  query Me {\n    me {\n      identityId\n      email\n      acr\n    }\n  }\n": typeof types.MeDocument,
    "\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n": typeof types.TimelineUpdatesDocument,
    "\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n": typeof types.EditTextMessageDocument,
    "\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.DeleteMessageDocument,
    "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    encrypted\n    downloadPath\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}": typeof types.DeletionFragmentDoc,
    "\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.TimelineDocument,
};
const documents: Documents = {
    "\n  query BoxDetails($boxId: UUID!) {\n    box(id: $boxId) {\n      id\n      title\n      muted\n      unreadCount\n      members {\n        id\n        displayName\n      }\n    }\n  }\n": types.BoxDetailsDocument,
    "\n  mutation SetBoxMuted($boxId: UUID!, $muted: Boolean!) {\n    setBoxMuted(boxId: $boxId, muted: $muted) {\n      id\n      muted\n    }\n  }\n": types.SetBoxMutedDocument,
    "\n  mutation MarkBoxRead($boxId: UUID!) {\n    markBoxRead(boxId: $boxId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkBoxReadDocument,
    "\n  query MyBoxes($first: Int!) {\n    myBoxes(first: $first) {\n      nodes {\n        ...BoxRow\n      }\n    }\n  }\n": types.MyBoxesDocument,
    "\n  fragment BoxRow on Box {\n    id\n    title\n    unreadCount\n    muted\n    lastEvent {\n      id\n      type\n      sender {\n        id\n        displayName\n      }\n      ... on TextMessageEvent {\n        encrypted\n      }\n    }\n  }\n": types.BoxRowFragmentDoc,
    "\n  subscription MyBoxesUpdates($identityId: UUID!) {\n    myBoxes(identityId: $identityId) {\n      boxId\n      change\n      box {\n        ...BoxRow\n      }\n    }\n  }\n": types.MyBoxesUpdatesDocument,
    "\n  mutation CreateBox($title: String!, $publicKey: String!) {\n    createBox(title: $title, publicKey: $publicKey) {\n      ...BoxRow\n    }\n  }\n": types.CreateBoxDocument,
    "\n  mutation OpenBoxToLink($boxId: UUID!) {\n    setBoxAccessMode(boxId: $boxId, mode: PUBLIC) {\n      id\n    }\n  }\n": types.OpenBoxToLinkDocument,
    "\n  mutation JoinBox($boxId: UUID!) {\n    joinBox(boxId: $boxId) {\n      id\n    }\n  }\n": types.JoinBoxDocument,
    "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": types.PostTextMessageDocument,
    "\n  mutation UploadFile($boxId: UUID!, $file: Upload!, $encrypted: String!, $publicKey: String!) {\n    uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n": types.UploadFileDocument,
    "\n  query Me {\n    me {\n      identityId\n      email\n      acr\n    }\n  }\n": types.MeDocument,
    "\n  subscription TimelineUpdates($identityId: UUID!, $boxIds: [UUID!]!) {\n    boxEvents(identityId: $identityId, boxIds: $boxIds) {\n      boxId\n      resynced\n      recovered\n      event {\n        ...TimelineEvent\n      }\n      message {\n        ...TimelineEvent\n      }\n    }\n  }\n": types.TimelineUpdatesDocument,
    "\n  mutation EditTextMessage(\n    $boxId: UUID!\n    $messageId: UUID!\n    $newEncrypted: String!\n    $newPublicKey: String!\n  ) {\n    editTextMessage(\n      boxId: $boxId\n      messageId: $messageId\n      newEncrypted: $newEncrypted\n      newPublicKey: $newPublicKey\n    ) {\n      id\n      serverEventCreatedAt\n      newEncrypted\n    }\n  }\n": types.EditTextMessageDocument,
    "\n  mutation DeleteMessage($boxId: UUID!, $messageId: UUID!) {\n    deleteMessage(boxId: $boxId, messageId: $messageId) {\n      id\n      serverEventCreatedAt\n      sender {\n        id\n        displayName\n      }\n    }\n  }\n": types.DeleteMessageDocument,
    "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    encrypted\n    downloadPath\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}": types.DeletionFragmentDoc,
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
export function graphql(source: "\n  query BoxDetails($boxId: UUID!) {\n    box(id: $boxId) {\n      id\n      title\n      muted\n      unreadCount\n      members {\n        id\n        displayName\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoxDetails($boxId: UUID!) {\n    box(id: $boxId) {\n      id\n      title\n      muted\n      unreadCount\n      members {\n        id\n        displayName\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBoxMuted($boxId: UUID!, $muted: Boolean!) {\n    setBoxMuted(boxId: $boxId, muted: $muted) {\n      id\n      muted\n    }\n  }\n"): (typeof documents)["\n  mutation SetBoxMuted($boxId: UUID!, $muted: Boolean!) {\n    setBoxMuted(boxId: $boxId, muted: $muted) {\n      id\n      muted\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkBoxRead($boxId: UUID!) {\n    markBoxRead(boxId: $boxId) {\n      id\n      unreadCount\n    }\n  }\n"): (typeof documents)["\n  mutation MarkBoxRead($boxId: UUID!) {\n    markBoxRead(boxId: $boxId) {\n      id\n      unreadCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBoxes($first: Int!) {\n    myBoxes(first: $first) {\n      nodes {\n        ...BoxRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyBoxes($first: Int!) {\n    myBoxes(first: $first) {\n      nodes {\n        ...BoxRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoxRow on Box {\n    id\n    title\n    unreadCount\n    muted\n    lastEvent {\n      id\n      type\n      sender {\n        id\n        displayName\n      }\n      ... on TextMessageEvent {\n        encrypted\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment BoxRow on Box {\n    id\n    title\n    unreadCount\n    muted\n    lastEvent {\n      id\n      type\n      sender {\n        id\n        displayName\n      }\n      ... on TextMessageEvent {\n        encrypted\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyBoxesUpdates($identityId: UUID!) {\n    myBoxes(identityId: $identityId) {\n      boxId\n      change\n      box {\n        ...BoxRow\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyBoxesUpdates($identityId: UUID!) {\n    myBoxes(identityId: $identityId) {\n      boxId\n      change\n      box {\n        ...BoxRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBox($title: String!, $publicKey: String!) {\n    createBox(title: $title, publicKey: $publicKey) {\n      ...BoxRow\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBox($title: String!, $publicKey: String!) {\n    createBox(title: $title, publicKey: $publicKey) {\n      ...BoxRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenBoxToLink($boxId: UUID!) {\n    setBoxAccessMode(boxId: $boxId, mode: PUBLIC) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation OpenBoxToLink($boxId: UUID!) {\n    setBoxAccessMode(boxId: $boxId, mode: PUBLIC) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinBox($boxId: UUID!) {\n    joinBox(boxId: $boxId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation JoinBox($boxId: UUID!) {\n    joinBox(boxId: $boxId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"): (typeof documents)["\n  mutation PostTextMessage($boxId: UUID!, $encrypted: String!, $publicKey: String!) {\n    postTextMessage(boxId: $boxId, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadFile($boxId: UUID!, $file: Upload!, $encrypted: String!, $publicKey: String!) {\n    uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"): (typeof documents)["\n  mutation UploadFile($boxId: UUID!, $file: Upload!, $encrypted: String!, $publicKey: String!) {\n    uploadFile(boxId: $boxId, file: $file, encrypted: $encrypted, publicKey: $publicKey) {\n      ...TimelineEvent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      identityId\n      email\n      acr\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      identityId\n      email\n      acr\n    }\n  }\n"];
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
export function graphql(source: "fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    encrypted\n    downloadPath\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}"): (typeof documents)["fragment Deletion on MessageDeletion {\n  deletedAt\n  deletedBy {\n    id\n    displayName\n  }\n}\n\nfragment TimelineEvent on BoxEvent {\n  id\n  type\n  serverEventCreatedAt\n  sender {\n    id\n    displayName\n  }\n  ... on TextMessageEvent {\n    encrypted\n    lastEditedAt\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on FileMessageEvent {\n    encrypted\n    downloadPath\n    isSaved\n    deletion {\n      ...Deletion\n    }\n  }\n  ... on BoxCreatedEvent {\n    title\n  }\n  ... on MemberKickEvent {\n    kicker {\n      id\n      displayName\n    }\n  }\n  ... on AccessModeChangedEvent {\n    accessMode\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Timeline($boxId: UUID!, $first: Int!, $after: String) {\n    box(id: $boxId) {\n      id\n      eventsConnection(first: $first, after: $after) {\n        nodes {\n          ...TimelineEvent\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;