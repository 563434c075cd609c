import * as http from 'node:http';

/**
 * The product's own web server, as far as the test needs one: the page Roster sends the browser
 * back to (its address kept, code and all), the page after signing out, and the back-channel
 * logout endpoint (every logout token kept).
 */
export async function listenAsProduct(port: number) {
  const callbacks: string[] = [];
  const logoutTokens: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      const page = (heading: string) =>
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><title>Product</title><h1>${heading}</h1>`);
      if (url.pathname === '/callback') {
        callbacks.push(url.href);
        return page('Back at the product');
      }
      if (url.pathname === '/bye') return page('Signed out of the product');
      if (url.pathname === '/logout' && request.method === 'POST') {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) logoutTokens.push(token);
        return response.writeHead(200).end();
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    callbacks,
    logoutTokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
