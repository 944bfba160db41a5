// Debian's haproxy (installed by .ci/run) in front of gateway processes, as a load balancer in
// production would be: it health-checks /readyz every 200 ms and sends nothing new to a server
// that answers 503, so a draining replica leaves the rotation before it stops accepting.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

export interface Haproxy {
  origin: string;
  /** Whether haproxy's own health checks have server `index` up (its stats page says so). */
  isUp(index: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startHaproxy(backends: number[]): Promise<Haproxy> {
  const port = await freePort();
  const statsPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-haproxy-'));
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // WebSockets and SSE streams stay open for the whole test.
      '  timeout tunnel 1h',
      // A connection refused, or closed by a server that is shutting down before it answered,
      // is tried again on another server: nothing was processed.
      '  retries 3',
      '  retry-on conn-failure empty-response',
      '  option redispatch 1',
      'listen stats',
      `  bind 127.0.0.1:${statsPort}`,
      '  stats enable',
      '  stats uri /stats',
      'frontend gateway',
      `  bind 127.0.0.1:${port}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      '  http-check expect status 200',
      // A check's own deadline. Unset, it is `inter` (200 ms), which /readyz can miss on a
      // loaded machine: with `fall 1` both replicas may then leave the rotation at once, and
      // haproxy answers 503 itself. A draining replica's 503 is quick: leaving takes one check.
      '  timeout check 2s',
      ...backends.map(
        (backend, i) => `  server g${i} 127.0.0.1:${backend} check inter 200 fall 1 rise 2`,
      ),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('haproxy', ['-f', config, '-db'], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  await waitFor(
    'haproxy to come up',
    () =>
      fetch(`${origin}/healthz`).then(
        (response) => response.status === 200,
        () => false,
      ),
    15_000,
  );
  return {
    origin,
    async isUp(index) {
      const csv = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`).then(
        (response) => response.text(),
        () => '',
      );
      const row = csv.split('\n').find((line) => line.startsWith(`replicas,g${index},`));
      // The 18th column of haproxy's CSV is the server's status.
      return row?.split(',')[17] === 'UP';
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
