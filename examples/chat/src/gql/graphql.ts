/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who may join a box. */
export type AccessMode =
  /** Only identities matching an access rule may join. */
  | 'LIMITED'
  /** Anyone with the link may join. */
  | 'PUBLIC';

/** What changed in the caller's box list. */
export type MyBoxChange =
  /** The caller created or joined the box. */
  | 'ADDED'
  /** The box was deleted. */
  | 'DELETED'
  /** A new event in a box of the caller (lastEvent, unreadCount moved). */
  | 'NEW_EVENT'
  /** The caller read the box, on any device (unreadCount is 0). */
  | 'READ'
  /** The caller left the box or was kicked from it. */
  | 'REMOVED'
  /** Updates may have been missed: refetch myBoxes. */
  | 'RESYNC'
  /** The caller's settings of the box changed (muted). */
  | 'SETTINGS';

export type BoxDetailsQueryVariables = Exact<{
  boxId: string;
}>;

export type BoxDetailsQuery = {
  __typename: 'Query';
  box: {
    __typename: 'Box';
    id: string;
    title: string | null;
    muted: boolean | null;
    unreadCount: number | null;
    members: Array<{ __typename: 'Identity'; id: string; displayName: string }> | null;
  };
};

export type SetBoxMutedMutationVariables = Exact<{
  boxId: string;
  muted: boolean;
}>;

export type SetBoxMutedMutation = {
  __typename: 'Mutation';
  setBoxMuted: { __typename: 'Box'; id: string; muted: boolean | null };
};

export type MarkBoxReadMutationVariables = Exact<{
  boxId: string;
}>;

export type MarkBoxReadMutation = {
  __typename: 'Mutation';
  markBoxRead: { __typename: 'Box'; id: string; unreadCount: number | null };
};

export type MyBoxesQueryVariables = Exact<{
  first: number;
}>;

export type MyBoxesQuery = {
  __typename: 'Query';
  myBoxes: {
    __typename: 'BoxConnection';
    nodes: Array<{
      __typename: 'Box';
      id: string;
      title: string | null;
      unreadCount: number | null;
      muted: boolean | null;
      lastEvent:
        | {
            __typename: 'AccessAddedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessModeChangedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessRemovedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'BoxCreatedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'FileMessageEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'KeyShareChangedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberJoinEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberKickEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberLeaveEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageDeleteEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageEditEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'TextMessageEvent';
            encrypted: string | null;
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'UnknownBoxEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | null;
    }>;
  } | null;
};

export type BoxRowFragment = {
  __typename: 'Box';
  id: string;
  title: string | null;
  unreadCount: number | null;
  muted: boolean | null;
  lastEvent:
    | {
        __typename: 'AccessAddedEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'AccessModeChangedEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'AccessRemovedEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'BoxCreatedEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'FileMessageEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'KeyShareChangedEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'MemberJoinEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'MemberKickEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'MemberLeaveEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'MessageDeleteEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'MessageEditEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'TextMessageEvent';
        encrypted: string | null;
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | {
        __typename: 'UnknownBoxEvent';
        id: string;
        type: string;
        sender: { __typename: 'Identity'; id: string; displayName: string };
      }
    | null;
};

export type MyBoxesUpdatesSubscriptionVariables = Exact<{
  identityId: string;
}>;

export type MyBoxesUpdatesSubscription = {
  __typename: 'Subscription';
  myBoxes: {
    __typename: 'MyBoxUpdate';
    boxId: string;
    change: MyBoxChange;
    box: {
      __typename: 'Box';
      id: string;
      title: string | null;
      unreadCount: number | null;
      muted: boolean | null;
      lastEvent:
        | {
            __typename: 'AccessAddedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessModeChangedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessRemovedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'BoxCreatedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'FileMessageEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'KeyShareChangedEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberJoinEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberKickEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberLeaveEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageDeleteEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageEditEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'TextMessageEvent';
            encrypted: string | null;
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'UnknownBoxEvent';
            id: string;
            type: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | null;
    } | null;
  };
};

export type CreateBoxMutationVariables = Exact<{
  title: string;
  publicKey: string;
}>;

export type CreateBoxMutation = {
  __typename: 'Mutation';
  createBox: {
    __typename: 'Box';
    id: string;
    title: string | null;
    unreadCount: number | null;
    muted: boolean | null;
    lastEvent:
      | {
          __typename: 'AccessAddedEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessModeChangedEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessRemovedEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'BoxCreatedEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'FileMessageEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'KeyShareChangedEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberJoinEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberKickEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberLeaveEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageDeleteEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageEditEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'TextMessageEvent';
          encrypted: string | null;
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'UnknownBoxEvent';
          id: string;
          type: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | null;
  };
};

export type OpenBoxToLinkMutationVariables = Exact<{
  boxId: string;
}>;

export type OpenBoxToLinkMutation = {
  __typename: 'Mutation';
  setBoxAccessMode: { __typename: 'AccessModeChangedEvent'; id: string };
};

export type JoinBoxMutationVariables = Exact<{
  boxId: string;
}>;

export type JoinBoxMutation = {
  __typename: 'Mutation';
  joinBox: { __typename: 'MemberJoinEvent'; id: string };
};

export type PostTextMessageMutationVariables = Exact<{
  boxId: string;
  encrypted: string;
  publicKey: string;
}>;

export type PostTextMessageMutation = {
  __typename: 'Mutation';
  postTextMessage: {
    __typename: 'TextMessageEvent';
    encrypted: string | null;
    lastEditedAt: string | null;
    id: string;
    type: string;
    serverEventCreatedAt: string;
    deletion: {
      __typename: 'MessageDeletion';
      deletedAt: string | null;
      deletedBy: { __typename: 'Identity'; id: string; displayName: string };
    } | null;
    sender: { __typename: 'Identity'; id: string; displayName: string };
  };
};

export type UploadFileMutationVariables = Exact<{
  boxId: string;
  file: unknown;
  encrypted: string;
  publicKey: string;
}>;

export type UploadFileMutation = {
  __typename: 'Mutation';
  uploadFile: {
    __typename: 'FileMessageEvent';
    encrypted: string | null;
    downloadPath: string | null;
    isSaved: boolean;
    id: string;
    type: string;
    serverEventCreatedAt: string;
    deletion: {
      __typename: 'MessageDeletion';
      deletedAt: string | null;
      deletedBy: { __typename: 'Identity'; id: string; displayName: string };
    } | null;
    sender: { __typename: 'Identity'; id: string; displayName: string };
  };
};

export type MeQueryVariables = Exact<{ [key: string]: never }>;

export type MeQuery = {
  __typename: 'Query';
  me: { __typename: 'Me'; identityId: string; email: string | null; acr: number };
};

export type TimelineUpdatesSubscriptionVariables = Exact<{
  identityId: string;
  boxIds: Array<string> | string;
}>;

export type TimelineUpdatesSubscription = {
  __typename: 'Subscription';
  boxEvents: {
    __typename: 'BoxEventUpdate';
    boxId: string;
    resynced: boolean;
    event:
      | {
          __typename: 'AccessAddedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessModeChangedEvent';
          accessMode: AccessMode;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessRemovedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'BoxCreatedEvent';
          title: string;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'FileMessageEvent';
          encrypted: string | null;
          downloadPath: string | null;
          isSaved: boolean;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          deletion: {
            __typename: 'MessageDeletion';
            deletedAt: string | null;
            deletedBy: { __typename: 'Identity'; id: string; displayName: string };
          } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'KeyShareChangedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberJoinEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberKickEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          kicker: { __typename: 'Identity'; id: string; displayName: string } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberLeaveEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageDeleteEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageEditEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'TextMessageEvent';
          encrypted: string | null;
          lastEditedAt: string | null;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          deletion: {
            __typename: 'MessageDeletion';
            deletedAt: string | null;
            deletedBy: { __typename: 'Identity'; id: string; displayName: string };
          } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'UnknownBoxEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | null;
    message:
      | {
          __typename: 'AccessAddedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessModeChangedEvent';
          accessMode: AccessMode;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'AccessRemovedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'BoxCreatedEvent';
          title: string;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'FileMessageEvent';
          encrypted: string | null;
          downloadPath: string | null;
          isSaved: boolean;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          deletion: {
            __typename: 'MessageDeletion';
            deletedAt: string | null;
            deletedBy: { __typename: 'Identity'; id: string; displayName: string };
          } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'KeyShareChangedEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberJoinEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberKickEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          kicker: { __typename: 'Identity'; id: string; displayName: string } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MemberLeaveEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageDeleteEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'MessageEditEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'TextMessageEvent';
          encrypted: string | null;
          lastEditedAt: string | null;
          id: string;
          type: string;
          serverEventCreatedAt: string;
          deletion: {
            __typename: 'MessageDeletion';
            deletedAt: string | null;
            deletedBy: { __typename: 'Identity'; id: string; displayName: string };
          } | null;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | {
          __typename: 'UnknownBoxEvent';
          id: string;
          type: string;
          serverEventCreatedAt: string;
          sender: { __typename: 'Identity'; id: string; displayName: string };
        }
      | null;
  };
};

export type EditTextMessageMutationVariables = Exact<{
  boxId: string;
  messageId: string;
  newEncrypted: string;
  newPublicKey: string;
}>;

export type EditTextMessageMutation = {
  __typename: 'Mutation';
  editTextMessage: {
    __typename: 'MessageEditEvent';
    id: string;
    serverEventCreatedAt: string;
    newEncrypted: string;
  };
};

export type DeleteMessageMutationVariables = Exact<{
  boxId: string;
  messageId: string;
}>;

export type DeleteMessageMutation = {
  __typename: 'Mutation';
  deleteMessage: {
    __typename: 'MessageDeleteEvent';
    id: string;
    serverEventCreatedAt: string;
    sender: { __typename: 'Identity'; id: string; displayName: string };
  };
};

export type DeletionFragment = {
  __typename: 'MessageDeletion';
  deletedAt: string | null;
  deletedBy: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_AccessAddedEvent_Fragment = {
  __typename: 'AccessAddedEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_AccessModeChangedEvent_Fragment = {
  __typename: 'AccessModeChangedEvent';
  accessMode: AccessMode;
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_AccessRemovedEvent_Fragment = {
  __typename: 'AccessRemovedEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_BoxCreatedEvent_Fragment = {
  __typename: 'BoxCreatedEvent';
  title: string;
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_FileMessageEvent_Fragment = {
  __typename: 'FileMessageEvent';
  encrypted: string | null;
  downloadPath: string | null;
  isSaved: boolean;
  id: string;
  type: string;
  serverEventCreatedAt: string;
  deletion: {
    __typename: 'MessageDeletion';
    deletedAt: string | null;
    deletedBy: { __typename: 'Identity'; id: string; displayName: string };
  } | null;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_KeyShareChangedEvent_Fragment = {
  __typename: 'KeyShareChangedEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_MemberJoinEvent_Fragment = {
  __typename: 'MemberJoinEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_MemberKickEvent_Fragment = {
  __typename: 'MemberKickEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  kicker: { __typename: 'Identity'; id: string; displayName: string } | null;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_MemberLeaveEvent_Fragment = {
  __typename: 'MemberLeaveEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_MessageDeleteEvent_Fragment = {
  __typename: 'MessageDeleteEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_MessageEditEvent_Fragment = {
  __typename: 'MessageEditEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_TextMessageEvent_Fragment = {
  __typename: 'TextMessageEvent';
  encrypted: string | null;
  lastEditedAt: string | null;
  id: string;
  type: string;
  serverEventCreatedAt: string;
  deletion: {
    __typename: 'MessageDeletion';
    deletedAt: string | null;
    deletedBy: { __typename: 'Identity'; id: string; displayName: string };
  } | null;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

type TimelineEvent_UnknownBoxEvent_Fragment = {
  __typename: 'UnknownBoxEvent';
  id: string;
  type: string;
  serverEventCreatedAt: string;
  sender: { __typename: 'Identity'; id: string; displayName: string };
};

export type TimelineEventFragment =
  | TimelineEvent_AccessAddedEvent_Fragment
  | TimelineEvent_AccessModeChangedEvent_Fragment
  | TimelineEvent_AccessRemovedEvent_Fragment
  | TimelineEvent_BoxCreatedEvent_Fragment
  | TimelineEvent_FileMessageEvent_Fragment
  | TimelineEvent_KeyShareChangedEvent_Fragment
  | TimelineEvent_MemberJoinEvent_Fragment
  | TimelineEvent_MemberKickEvent_Fragment
  | TimelineEvent_MemberLeaveEvent_Fragment
  | TimelineEvent_MessageDeleteEvent_Fragment
  | TimelineEvent_MessageEditEvent_Fragment
  | TimelineEvent_TextMessageEvent_Fragment
  | TimelineEvent_UnknownBoxEvent_Fragment;

export type TimelineQueryVariables = Exact<{
  boxId: string;
  first: number;
  after?: string | null | undefined;
}>;

export type TimelineQuery = {
  __typename: 'Query';
  box: {
    __typename: 'Box';
    id: string;
    eventsConnection: {
      __typename: 'BoxEventConnection';
      nodes: Array<
        | {
            __typename: 'AccessAddedEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessModeChangedEvent';
            accessMode: AccessMode;
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'AccessRemovedEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'BoxCreatedEvent';
            title: string;
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'FileMessageEvent';
            encrypted: string | null;
            downloadPath: string | null;
            isSaved: boolean;
            id: string;
            type: string;
            serverEventCreatedAt: string;
            deletion: {
              __typename: 'MessageDeletion';
              deletedAt: string | null;
              deletedBy: { __typename: 'Identity'; id: string; displayName: string };
            } | null;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'KeyShareChangedEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberJoinEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberKickEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            kicker: { __typename: 'Identity'; id: string; displayName: string } | null;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MemberLeaveEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageDeleteEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'MessageEditEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'TextMessageEvent';
            encrypted: string | null;
            lastEditedAt: string | null;
            id: string;
            type: string;
            serverEventCreatedAt: string;
            deletion: {
              __typename: 'MessageDeletion';
              deletedAt: string | null;
              deletedBy: { __typename: 'Identity'; id: string; displayName: string };
            } | null;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
        | {
            __typename: 'UnknownBoxEvent';
            id: string;
            type: string;
            serverEventCreatedAt: string;
            sender: { __typename: 'Identity'; id: string; displayName: string };
          }
      >;
      pageInfo: { __typename: 'PageInfo'; hasNextPage: boolean; endCursor: string | null };
    } | null;
  };
};

export const BoxRowFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'BoxRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Box' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lastEvent' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'sender' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: {
                    kind: 'NamedType',
                    name: { kind: 'Name', value: 'TextMessageEvent' },
                  },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<BoxRowFragment, unknown>;
export const DeletionFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeletionFragment, unknown>;
export const TimelineEventFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TimelineEvent' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sender' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TextMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastEditedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'FileMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'downloadPath' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSaved' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxCreatedEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MemberKickEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'kicker' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: {
              kind: 'NamedType',
              name: { kind: 'Name', value: 'AccessModeChangedEvent' },
            },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'accessMode' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TimelineEventFragment, unknown>;
export const BoxDetailsDocument = {
  __meta__: { hash: '249b5d1adeb4a7f6628e39c8aaa4827e66fd9cde7d511fa130dad43d859a875c' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'BoxDetails' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'box' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
                { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'members' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<BoxDetailsQuery, BoxDetailsQueryVariables>;
export const SetBoxMutedDocument = {
  __meta__: { hash: 'fa04c0dbadc8d95e17c3c2da241a4062684511a961d7e261d7e961c88522bf70' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetBoxMuted' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'muted' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Boolean' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setBoxMuted' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'muted' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'muted' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SetBoxMutedMutation, SetBoxMutedMutationVariables>;
export const MarkBoxReadDocument = {
  __meta__: { hash: 'cc830343e1a9db5fe49923dfc7f5636ce79ead5d056e9fdff54a2fe1d5529c03' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'MarkBoxRead' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'markBoxRead' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MarkBoxReadMutation, MarkBoxReadMutationVariables>;
export const MyBoxesDocument = {
  __meta__: { hash: 'bba61d966e4331db50ebc07ad5935c2ba35ab96297f17f1e9745fda00655338b' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MyBoxes' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'myBoxes' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'nodes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'BoxRow' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'BoxRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Box' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lastEvent' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'sender' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: {
                    kind: 'NamedType',
                    name: { kind: 'Name', value: 'TextMessageEvent' },
                  },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MyBoxesQuery, MyBoxesQueryVariables>;
export const MyBoxesUpdatesDocument = {
  __meta__: { hash: '8d71d41810918576812e3576c994b553217fed307ad1a4e693b7a192e749fdc2' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'MyBoxesUpdates' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'identityId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'myBoxes' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'identityId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'identityId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boxId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'change' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'box' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'BoxRow' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'BoxRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Box' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lastEvent' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'sender' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: {
                    kind: 'NamedType',
                    name: { kind: 'Name', value: 'TextMessageEvent' },
                  },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MyBoxesUpdatesSubscription, MyBoxesUpdatesSubscriptionVariables>;
export const CreateBoxDocument = {
  __meta__: { hash: 'c35c315ad287484859f0369357c2490ae01afa60d87f22656554d72341a3f92a' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CreateBox' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'title' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'createBox' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'title' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'title' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'publicKey' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'BoxRow' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'BoxRow' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Box' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'title' } },
          { kind: 'Field', name: { kind: 'Name', value: 'unreadCount' } },
          { kind: 'Field', name: { kind: 'Name', value: 'muted' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'lastEvent' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'sender' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
                {
                  kind: 'InlineFragment',
                  typeCondition: {
                    kind: 'NamedType',
                    name: { kind: 'Name', value: 'TextMessageEvent' },
                  },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CreateBoxMutation, CreateBoxMutationVariables>;
export const OpenBoxToLinkDocument = {
  __meta__: { hash: '15a2d38417ee62091cdf9932692981d7833a7dff01769a582595c51ea75318fd' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'OpenBoxToLink' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setBoxAccessMode' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'mode' },
                value: { kind: 'EnumValue', value: 'PUBLIC' },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OpenBoxToLinkMutation, OpenBoxToLinkMutationVariables>;
export const JoinBoxDocument = {
  __meta__: { hash: 'cb3f06fbd007b6fa0ea6f4676a35188492a2e5943878e26e0e1f37fca79851e7' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'JoinBox' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'joinBox' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<JoinBoxMutation, JoinBoxMutationVariables>;
export const PostTextMessageDocument = {
  __meta__: { hash: '3ce7e80559e906e8294e66dffcdc79abffbafa3d5ecb855a00a78d10f3597873' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PostTextMessage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'encrypted' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'postTextMessage' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'encrypted' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'encrypted' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'publicKey' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TimelineEvent' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TimelineEvent' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sender' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TextMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastEditedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'FileMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'downloadPath' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSaved' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxCreatedEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MemberKickEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'kicker' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: {
              kind: 'NamedType',
              name: { kind: 'Name', value: 'AccessModeChangedEvent' },
            },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'accessMode' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PostTextMessageMutation, PostTextMessageMutationVariables>;
export const UploadFileDocument = {
  __meta__: { hash: '0a11d4192ee63f0a354ce169f37ee66786c300d528cb9afa6aa0cb52f2f8a71e' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UploadFile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'file' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Upload' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'encrypted' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'uploadFile' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'file' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'file' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'encrypted' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'encrypted' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'publicKey' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'publicKey' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TimelineEvent' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TimelineEvent' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sender' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TextMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastEditedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'FileMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'downloadPath' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSaved' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxCreatedEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MemberKickEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'kicker' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: {
              kind: 'NamedType',
              name: { kind: 'Name', value: 'AccessModeChangedEvent' },
            },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'accessMode' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UploadFileMutation, UploadFileMutationVariables>;
export const MeDocument = {
  __meta__: { hash: 'c34730ac06ef666d3cdeeb6cccbfffab9582bba29293c38e7cf48ea09876503b' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Me' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'me' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'identityId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'email' } },
                { kind: 'Field', name: { kind: 'Name', value: 'acr' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const TimelineUpdatesDocument = {
  __meta__: { hash: '97ad9db2a903dd7f6e74ed1dfb6fa72145ac7fd71a86e0213c7bfa1a70b09809' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'TimelineUpdates' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'identityId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxIds' } },
          type: {
            kind: 'NonNullType',
            type: {
              kind: 'ListType',
              type: {
                kind: 'NonNullType',
                type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
              },
            },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'boxEvents' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'identityId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'identityId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxIds' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxIds' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boxId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'resynced' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'event' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TimelineEvent' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'message' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'TimelineEvent' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TimelineEvent' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sender' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TextMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastEditedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'FileMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'downloadPath' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSaved' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxCreatedEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MemberKickEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'kicker' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: {
              kind: 'NamedType',
              name: { kind: 'Name', value: 'AccessModeChangedEvent' },
            },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'accessMode' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TimelineUpdatesSubscription, TimelineUpdatesSubscriptionVariables>;
export const EditTextMessageDocument = {
  __meta__: { hash: '9b9f010e33b9f98d1618b260a368b3250a2c0c9bcee7ea3dcc98fd90ece8b5d9' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'EditTextMessage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'messageId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'newEncrypted' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'newPublicKey' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'editTextMessage' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'messageId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'messageId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'newEncrypted' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'newEncrypted' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'newPublicKey' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'newPublicKey' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'newEncrypted' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EditTextMessageMutation, EditTextMessageMutationVariables>;
export const DeleteMessageDocument = {
  __meta__: { hash: '3170a91dd106a1fa6ca0f14a4d7542d1b2c9f3345d3b30ef656d06b7cc100ad2' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'DeleteMessage' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'messageId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deleteMessage' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'boxId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'messageId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'messageId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'sender' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeleteMessageMutation, DeleteMessageMutationVariables>;
export const TimelineDocument = {
  __meta__: { hash: '4a581fe3d9cc7abe66269bebc0aca7d9ec21bc7a296ec12d84701008e1f0f6b9' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Timeline' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UUID' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'box' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'boxId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'eventsConnection' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'first' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
                    },
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'after' },
                      value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'nodes' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                            {
                              kind: 'FragmentSpread',
                              name: { kind: 'Name', value: 'TimelineEvent' },
                            },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'pageInfo' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'Deletion' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MessageDeletion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'deletedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'deletedBy' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'TimelineEvent' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxEvent' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'type' } },
          { kind: 'Field', name: { kind: 'Name', value: 'serverEventCreatedAt' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'sender' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TextMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastEditedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'FileMessageEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'encrypted' } },
                { kind: 'Field', name: { kind: 'Name', value: 'downloadPath' } },
                { kind: 'Field', name: { kind: 'Name', value: 'isSaved' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'deletion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'Deletion' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'BoxCreatedEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'title' } },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'MemberKickEvent' } },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'kicker' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'displayName' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'InlineFragment',
            typeCondition: {
              kind: 'NamedType',
              name: { kind: 'Name', value: 'AccessModeChangedEvent' },
            },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: '__typename' } },
                { kind: 'Field', name: { kind: 'Name', value: 'accessMode' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TimelineQuery, TimelineQueryVariables>;
