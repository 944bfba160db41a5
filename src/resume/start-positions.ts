// Where each box of a new subscription starts (graphql-api.md §10.1): at a client's position
// (an `after` cursor, or a transparent resume) when it has one, which then replays and ends with
// a notice; else at "now", the newest listed event when it subscribed, silently (§10).

/** Box id (lowercase) → the event id to resume after (null: the box was empty). */
export type StartPositions = ReadonlyMap<string, string | null>;

export function startFrom(
  now: ReadonlyMap<string, string | null>,
  ...positions: (StartPositions | undefined)[]
): { anchors: Map<string, string | null>; resumed: Set<string> } {
  const anchors = new Map(now);
  const resumed = new Set<string>();
  // Later sources win: the caller passes them oldest knowledge first.
  for (const source of positions) {
    for (const [boxId, eventId] of source ?? []) {
      if (!anchors.has(boxId)) continue;
      anchors.set(boxId, eventId);
      resumed.add(boxId);
    }
  }
  return { anchors, resumed };
}
