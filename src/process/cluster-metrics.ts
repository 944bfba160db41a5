// /metrics across workers. Only a worker can answer HTTP on the shared port, so the worker that
// got the scrape asks the primary over the cluster IPC channel, and the primary gathers every
// worker's registry with prom-client's AggregatorRegistry (counters and histograms summed,
// default process metrics aggregated as prom-client defines) and sends the text back.
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricsSource } from '../http/probes';

const ASK = 'gateway:cluster-metrics?';
const ANSWER = 'gateway:cluster-metrics';
/** Longer than prom-client's own 5 s per-gather timeout, so its error is the one reported. */
const ANSWER_TIMEOUT_MS = 6000;

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/** Primary: answers every worker's request with the sum of all workers. */
export function answerClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: Ask) => {
    if (message?.type !== ASK) return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/** Worker: contributes `own` to the aggregation and serves the cluster's sum. */
export function clusterMetricsSource(own: Registry): MetricsSource {
  // Constructing it installs prom-client's worker-side listener for the primary's gathers.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([own]);
  const waiting = new Map<number, (answer: Answer) => void>();
  let next = 0;
  process.on('message', (message: Answer) => {
    if (message?.type === ANSWER) waiting.get(message.id)?.(message);
  });
  return {
    contentType: own.contentType,
    metrics() {
      const id = next++;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => settle({ type: ANSWER, id, error: 'no answer' }),
          ANSWER_TIMEOUT_MS,
        );
        function settle(answer: Answer) {
          clearTimeout(timer);
          waiting.delete(id);
          if (answer.text !== undefined) resolve(answer.text);
          else reject(new Error(`cluster metrics: ${answer.error}`));
        }
        waiting.set(id, settle);
        process.send!({ type: ASK, id } satisfies Ask);
      });
    },
  };
}
