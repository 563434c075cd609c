import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A product that signs its users in through Roster, as the test plays it. */
export type Product = {
  clientId: string;
  secret: string;
  /** Where Roster sends the browser back: intercepted by the test, nothing listens there. */
  callback: string;
  bye: string;
  /** Where the test listens for back-channel logout tokens. */
  logoutPort: number;
};

/** One product per project, so that the two projects' tests never share a port. */
export function product(rosterPort: number, project: string): Product {
  const offset = project === 'with-js' ? 20 : 30;
  const base = `http://127.0.0.1:${rosterPort + offset}`;
  return {
    clientId: `product-${project}`,
    secret: `rcs_e2e-secret-${project}`,
    callback: `${base}/callback`,
    bye: `${base}/bye`,
    logoutPort: rosterPort + offset + 1,
  };
}

/** Writes the clients file the servers read at start, and returns its path. */
export function productClients(rosterPort: number): string {
  const tables = ['with-js', 'without-js'].map((project) => {
    const made = product(rosterPort, project);
    const hash = createHash('sha256').update(made.secret).digest('hex');
    return `[[client]]
id = "${made.clientId}"
name = "Clusters <b>Console</b>"
secret_sha256 = "${hash}"
redirect_uris = ["${made.callback}"]
post_logout_redirect_uris = ["${made.bye}"]
backchannel_logout_uri = "http://127.0.0.1:${made.logoutPort}/logout"
`;
  });
  const file = path.join(__dirname, '..', '..', '.clients.toml');
  writeFileSync(file, tables.join('\n'));
  return file;
}
