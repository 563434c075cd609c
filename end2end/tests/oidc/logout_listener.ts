import * as http from 'node:http';

/** A product's back-channel logout endpoint: keeps every logout token Roster POSTs to it. */
export async function listenForLogouts(port: number) {
  const tokens: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (request.method === 'POST' && token) tokens.push(token);
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    tokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
