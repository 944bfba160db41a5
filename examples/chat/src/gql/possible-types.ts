
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "BoxEvent": [
      "AccessAddedEvent",
      "AccessModeChangedEvent",
      "AccessRemovedEvent",
      "BoxCreatedEvent",
      "FileMessageEvent",
      "KeyShareChangedEvent",
      "MemberJoinEvent",
      "MemberKickEvent",
      "MemberLeaveEvent",
      "MessageDeleteEvent",
      "MessageEditEvent",
      "TextMessageEvent",
      "UnknownBoxEvent"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "BoxEvent": [
      "AccessAddedEvent",
      "AccessModeChangedEvent",
      "AccessRemovedEvent",
      "BoxCreatedEvent",
      "FileMessageEvent",
      "KeyShareChangedEvent",
      "MemberJoinEvent",
      "MemberKickEvent",
      "MemberLeaveEvent",
      "MessageDeleteEvent",
      "MessageEditEvent",
      "TextMessageEvent",
      "UnknownBoxEvent"
    ]
  }
};
      export default result;
    