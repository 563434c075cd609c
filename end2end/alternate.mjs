// A load balancer for the browser tests on PostgreSQL: each request goes to the next of the
// Roster servers named in ROSTER_E2E_BACKENDS (ports), in turn, so that a page is served by one
// server and the next request (the form it posts, the mail link it opens) by the other.
import http from 'node:http';

const listen = Number(process.env.ROSTER_E2E_PORT ?? 3100);
const backends = (process.env.ROSTER_E2E_BACKENDS ?? '3101,3102').split(',').map(Number);
let next = 0;

const agent = new http.Agent({ keepAlive: true });

http
  .createServer((request, response) => {
    const port = backends[next];
    next = (next + 1) % backends.length;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`server on port ${port}: ${error.message}\n`);
    });
    request.pipe(upstream);
  })
  .listen(listen, '127.0.0.1');
