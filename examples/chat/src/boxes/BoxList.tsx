import { useQuery } from '@apollo/client/react';
import { DEMO_BOXES } from '../demo';
import { BoxesQuery } from './boxes-query';

const BOX_IDS = DEMO_BOXES.map((box) => box.id);

export function BoxList({
  selectedId,
  onSelect,
}: {
  selectedId: string;
  onSelect(id: string): void;
}) {
  // errorPolicy "all": a box the user may not read fails alone (its count is null), the others show.
  const { data } = useQuery(BoxesQuery, { variables: { ids: BOX_IDS }, errorPolicy: 'all' });
  return (
    <nav className="box-list" aria-label="Boxes">
      {DEMO_BOXES.map((box, index) => {
        const count = data?.boxes[index]?.eventsCount;
        return (
          <button
            key={box.id}
            type="button"
            className="box"
            aria-current={box.id === selectedId}
            onClick={() => onSelect(box.id)}
          >
            <span className="box-title">{box.title}</span>
            <span className="box-count">{typeof count === 'number' ? `${count} events` : '—'}</span>
          </button>
        );
      })}
    </nav>
  );
}
